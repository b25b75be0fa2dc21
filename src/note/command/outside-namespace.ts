import { splitCommandLine } from './command-line.js';

// A note runs in a namespace of its own through a kubeconfig of its own; some commands
// reach past both, and a run namespace cannot protect what they touch. They still run,
// as the author wrote them, with a warning on the step (the command model's
// `reachesOutside`).

const KUBECTL = new Set(['kubectl', 'k']);
/** kubectl verbs that change the cluster. */
const WRITES = new Set(['apply', 'create', 'delete', 'replace', 'patch', 'edit', 'label', 'annotate', 'scale', 'autoscale', 'expose', 'run', 'set', 'rollout', 'taint', 'drain', 'cordon', 'uncordon']);
const CONFIG_SWITCHES = new Set(['set-context', 'use-context', 'use', 'delete-context', 'rename-context', 'set-cluster', 'set-credentials', 'set', 'unset']);
const CLUSTER_SCOPED = /^(namespaces?|ns|nodes?|no|clusterroles?|clusterrolebindings?|customresourcedefinitions?|crds?|persistentvolumes?|pv|storageclass(es)?|sc)(\/|$)/;

/** Why the step reaches outside its run namespace, if it does. */
export function reachesOutside(command: string): string | undefined {
  if (/(^|[\s;&|])(export\s+)?KUBECONFIG=/.test(command)) return 'sets KUBECONFIG: later steps may talk to another cluster or namespace than the run’s';
  const line = splitCommandLine(command);
  for (const words of [...line.commands, ...line.substitutions.flatMap((text) => splitCommandLine(text).commands)]) {
    const at = words.findIndex((word) => KUBECTL.has(word));
    if (at === -1) continue;
    const reason = kubectlReach(words.slice(at + 1));
    if (reason) return reason;
  }
  return undefined;
}

function kubectlReach(args: string[]): string | undefined {
  const positional: string[] = [];
  let namespace: string | undefined;
  let allNamespaces = false;
  let context: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    const value = (short: string, long: string) =>
      arg === short || arg === long ? args[++i] : arg.startsWith(`${long}=`) ? arg.slice(long.length + 1) : short && arg.startsWith(short) && arg.length > 2 && !arg.startsWith('--') ? arg.slice(2).replace(/^=/, '') : undefined;
    const ns = value('-n', '--namespace');
    if (ns !== undefined) namespace = ns;
    else if (arg === '-A' || arg === '--all-namespaces' || arg === '--all-namespaces=true') allNamespaces = true;
    else if (value('', '--context') !== undefined || value('', '--kubeconfig') !== undefined) context = arg;
    else if (!arg.startsWith('-')) positional.push(arg);
  }
  const [verb, sub] = positional;
  if (verb === 'config' && CONFIG_SWITCHES.has(sub)) return `\`kubectl config ${sub}\` changes which cluster or namespace later steps use`;
  if (context !== undefined) return 'names another context or kubeconfig than the run’s';
  if (!WRITES.has(verb)) return undefined;
  // `-n default` runs in the run namespace, which stands for `default` (default-namespace.ts).
  if (namespace !== undefined && namespace !== 'default') return `changes namespace ${namespace}, outside the run namespace`;
  if (allNamespaces && verb === 'delete') return 'deletes in all namespaces, not only the run namespace';
  const kind = verb === 'create' || verb === 'delete' ? sub : undefined;
  if (kind && CLUSTER_SCOPED.test(kind)) return `${verb}s a cluster-wide ${kind.split('/')[0]}, outside the run namespace`;
  return undefined;
}
