import { kubectl, type Kubectl } from './kubectl.js';

// A note run in the context's own namespace (--allow-unisolated) has no namespace of its
// own to delete: what it made stays there, and the next run finds it. What the namespace
// holds is listed before the note runs and after; what is new is named, with the command
// that removes it.

/** The kinds a note's commands make; `all` is kubectl's own list of workloads and services. */
const KINDS = ['all', 'configmaps', 'secrets', 'persistentvolumeclaims', 'ingresses', 'serviceaccounts'];

/** The objects of the context's namespace now (`deployment.apps/web`); a kind the cluster lacks or forbids adds none. */
export async function objectsInPlace(client: Kubectl, contextArgs: string[]): Promise<Set<string>> {
  // One kind at a time: a kind the server does not serve fails the whole list otherwise.
  const listed = await Promise.all(KINDS.map((kind) => kubectl(client, ['get', kind, '-o', 'name', ...contextArgs])));
  return new Set(listed.flatMap((result) => result.stdout.split('\n')).map((line) => line.trim()).filter((line) => line !== ''));
}

/** What the note left in the context's namespace, and how to remove it; undefined when it left nothing. */
export async function leftInPlace(client: Kubectl, contextArgs: string[], before: Set<string>): Promise<string | undefined> {
  const now = [...(await objectsInPlace(client, contextArgs))].filter((name) => !before.has(name));
  // A Deployment's ReplicaSets and Pods go with it, and a ServiceAccount's token Secret with it.
  const owners = now.filter((name) => /^(deployment\.apps|replicaset\.apps|statefulset\.apps|daemonset\.apps|job\.batch)\//.test(name)).map((name) => name.split('/')[1]);
  const made = now.filter((name) => !/^(pod|replicaset\.apps)\//.test(name) || !owners.some((owner) => name.split('/')[1].startsWith(`${owner}-`)));
  if (made.length === 0) return undefined;
  const context = contextArgs.length > 0 ? ` ${contextArgs.join(' ')}` : '';
  return `the note ran in the context's own namespace (--allow-unisolated) and left there: ${made.join(', ')}; the next run finds them. Remove them with: kubectl delete${context} ${made.join(' ')}`;
}
