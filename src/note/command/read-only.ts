import { splitCommandLine, type CommandLine } from './command-line.js';
import { asKubectl } from './kubectl-alias.js';

// A cluster converges: right after a delete, endpoints still list the old pod and a new
// pod is still being created. A step that only reads may be run again until its
// output matches; a step that changes anything must run exactly once.

// `wait` changes nothing; right after an apply it can find no pod yet ("no matching resources found").
const READING_KUBECTL = new Set(['get', 'describe', 'logs', 'top', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'events', 'wait']);
const READING_IN_POD = new Set([
  'nslookup', 'dig', 'host', 'ping', 'cat', 'ls', 'printenv', 'env', 'hostname', 'wget', 'curl', 'echo', 'ip', 'ifconfig',
  'netstat', 'ps', 'id', 'whoami', 'date', 'grep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'awk', 'tr',
]);
const FILTERS = new Set(['grep', 'egrep', 'fgrep', 'head', 'tail', 'sort', 'uniq', 'wc', 'awk', 'cut', 'jq', 'yq', 'tr', 'column', 'cat', 'echo', 'sed', 'base64', 'printf']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'zsh']);
/** kubectl's global flags that take a value, so the subcommand is found after them. */
const VALUED_FLAGS = /^(-n|--namespace|--context|--kubeconfig|--cluster|--user|-s|--server|--request-timeout)$/;

export function isReadOnly(command: string, split?: CommandLine): boolean {
  const line = split ?? splitCommandLine(command);
  if (line.background || line.writesFile || line.multiline || !line.substitutions.every((inner) => isReadOnly(inner))) return false;
  return line.commands.every((words) => segmentReads(words, FILTERS));
}

/** A read-only step that asks the cluster: its output may still be converging, so it may be re-run. */
export function readsCluster(typed: string): boolean {
  const command = asKubectl(typed);
  return /\bkubectl\b/.test(command) && isReadOnly(command);
}

function segmentReads(words: string[], readers: Set<string>): boolean {
  const [program, ...args] = words;
  if (program === 'kubectl') return kubectlReads(args);
  if (program === 'sed' && args.some((arg) => arg.startsWith('-i'))) return false;
  return readers.has(program);
}

function kubectlReads(args: string[]): boolean {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += VALUED_FLAGS.test(args[i]) ? 2 : 1;
  const verb = args[i];
  if (verb === 'exec') return execReads(args);
  if (verb === 'auth') return args[i + 1] === 'can-i';
  if (verb === 'config') return ['current-context', 'view', 'get-contexts'].includes(args[i + 1]);
  if (!READING_KUBECTL.has(verb)) return false;
  return !args.some((arg) => /^(-w|--watch|--watch-only|-f|--follow)(=true)?$/.test(arg));
}

/** `kubectl exec POD -- nslookup x` reads; so does `-- sh -c 'printenv | grep X'`. Typing into `-i` never counts. */
function execReads(args: string[]): boolean {
  const inner = args.indexOf('--');
  if (inner === -1 || args.slice(0, inner).some((arg) => /^-\w*i/.test(arg) || arg === '--stdin')) return false;
  const [program, ...rest] = args.slice(inner + 1);
  const name = program?.replace(/^.*\//, '');
  if (name !== undefined && SHELLS.has(name) && rest[0] === '-c' && rest.length === 2) {
    const script = splitCommandLine(rest[1]);
    return !script.background && !script.writesFile && script.commands.every((words) => segmentReads(words, READING_IN_POD));
  }
  return name !== undefined && READING_IN_POD.has(name);
}
