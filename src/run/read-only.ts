// A cluster converges: right after a delete, endpoints still list the old pod and a new
// pod is still being created. A step that only reads may be run again until its
// output matches; a step that changes anything must run exactly once.

const READING_KUBECTL = new Set(['get', 'describe', 'logs', 'top', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'events']);
const READING_IN_POD = new Set(['nslookup', 'dig', 'host', 'ping', 'cat', 'ls', 'printenv', 'env', 'hostname', 'wget', 'curl', 'echo', 'ip', 'ifconfig', 'netstat', 'ps', 'id', 'whoami', 'date']);
const FILTERS = new Set(['grep', 'egrep', 'fgrep', 'head', 'tail', 'sort', 'uniq', 'wc', 'awk', 'cut', 'jq', 'yq', 'tr', 'column', 'cat', 'echo', 'sed', 'base64', 'xargs', 'printf']);
/** kubectl's global flags that take a value, so the subcommand is found after them. */
const VALUED_FLAGS = /^(-n|--namespace|--context|--kubeconfig|--cluster|--user|-s|--server|--request-timeout)$/;

export function isReadOnly(command: string): boolean {
  if (/(^|[^>&0-9])>(?!&)/.test(command.replace(/\d?>\s*\/dev\/null/g, '').replace(/2>&1/g, ''))) return false;
  if (/\bsed\b[^|]*\s-i/.test(command) || /\bxargs\b[^|]*\bkubectl\s+(delete|apply|create|patch)/.test(command)) return false;
  const substitutions = [...command.matchAll(/\$\(([^()]*)\)/g)].map((m) => m[1]);
  if (!substitutions.every(isReadOnly)) return false;
  const outer = command.replace(/\$\([^()]*\)/g, 'X').replace(/\d?>&\d/g, '');
  if (outer.includes('\n') || /(^|[^&])&($|[^&])/.test(outer)) return false;
  return outer
    .split(/\|\||&&|[|;]/)
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '')
    .every((segment) => segmentReads(segment.split(/\s+/)));
}

function segmentReads(words: string[]): boolean {
  const [program, ...args] = words;
  if (program === 'kubectl') return kubectlReads(args);
  return FILTERS.has(program);
}

function kubectlReads(args: string[]): boolean {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += VALUED_FLAGS.test(args[i]) ? 2 : 1;
  const verb = args[i];
  if (verb === 'exec') {
    const inner = args.indexOf('--');
    const program = inner === -1 ? undefined : args[inner + 1]?.replace(/^.*\//, '');
    return program !== undefined && READING_IN_POD.has(program) && !args.some((arg) => /^-\w*i/.test(arg) && !arg.startsWith('--'));
  }
  if (verb === 'auth') return args[i + 1] === 'can-i';
  if (verb === 'config') return ['current-context', 'view', 'get-contexts'].includes(args[i + 1]);
  if (!READING_KUBECTL.has(verb)) return false;
  return !args.some((arg) => /^(-w|--watch|--watch-only|-f|--follow)(=true)?$/.test(arg));
}

/** A read-only step that asks the cluster: its output may still be converging, so it may be re-run. */
export function readsCluster(command: string): boolean {
  return /\bkubectl\b/.test(command) && isReadOnly(command);
}
