import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import { InputError } from '../errors.js';
import { makeRunFolder } from '../files/run-folders.js';
import { hold } from '../cleanup/leftovers.js';
import { runLabels } from './run-labels.js';
import { kubeconfigText } from './kubeconfig.js';
import { kubectl, type Kubectl } from './kubectl.js';
import { leftInPlace, objectsInPlace } from './left-in-place.js';
import { lastLine, type ClusterTarget } from './prepare-cluster.js';

export interface RunNamespace {
  name: string;
  /** KUBECONFIG for the note's shell: the context, pointed at the run namespace. */
  kubeconfig?: string;
  /** Said once to the user when the run could not be isolated as asked. */
  warning?: string;
  /** Deletes the namespace and the temporary kubeconfig; safe to call twice. Says what it could not delete. */
  release: (keep: boolean) => Promise<string | undefined>;
}

export interface IsolationPolicy {
  /** `--allow-unisolated`: an API server that forbids creating namespaces may be run against in place. */
  allowUnisolated: boolean;
}

/**
 * A fresh namespace for one note, and a KUBECONFIG whose context points at it: one
 * kubectl call. Fails closed: unless kubectl positively says why there can be no run
 * namespace, the note does not run at all rather than run in the context's own namespace.
 */
export async function isolate(client: Kubectl, target: ClusterTarget, noteFile: string, policy: IsolationPolicy): Promise<RunNamespace> {
  const name = namespaceName(noteFile);
  // Held from before the request: a create that is cut short may still have made it.
  const letGo = hold(`namespace ${name} (context ${target.context})`);
  const dir = makeRunFolder('kube');
  const letGoDir = hold(`temporary kubeconfig ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  // A file rather than stdin: any kubectl, wrapper or plugin reads a file the same way.
  const manifest = join(dir, 'namespace.yaml');
  writeFileSync(manifest, runNamespaceManifest(name), { mode: 0o600 });
  const created = await kubectl(client, ['create', '-f', manifest, ...target.contextArgs]);
  if (!namespaceCreated(created, name)) {
    rmSync(dir, { recursive: true, force: true });
    letGoDir();
    // A cluster that does not answer says so itself, once, rather than as a namespace problem.
    const unreachable = await target.facts.then(() => undefined, (error: unknown) => error);
    if (!unreachable) await deleteNamespace(client, target, name);
    letGo();
    if (unreachable) throw unreachable;
    const inPlace = notIsolated(name, created.stderr, created.exitCode, policy);
    return policy.allowUnisolated ? await sayingWhatIsLeft(client, target, inPlace) : inPlace;
  }
  let released: Promise<string | undefined> | undefined;
  const release = (keep: boolean) => {
    released ??= (async () => {
      rmSync(dir, { recursive: true, force: true });
      letGoDir();
      const problem = keep ? undefined : await deleteNamespace(client, target, name);
      letGo();
      return problem;
    })();
    return released;
  };
  const kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, kubeconfigText(target.kubeconfig, name), { mode: 0o600 });
  return { name, kubeconfig, release };
}

/**
 * The namespace with its labels, so no kill between two calls can leave one `clean` does
 * not know; and its `default` ServiceAccount, which the API server's controller would
 * make a moment later: a pod created before that is refused (`serviceaccount "default"
 * not found`), and waiting for it would cost a round trip.
 */
function runNamespaceManifest(name: string): string {
  const labels = Object.fromEntries(runLabels().map((label) => label.split('=') as [string, string]));
  const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
  const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } };
  return `${stringify(namespace)}---\n${stringify(account)}`;
}

/** The namespace is there; its ServiceAccount may have been made by the controller first, which is as good. */
function namespaceCreated(created: { stdout: string; stderr: string; exitCode: number }, name: string): boolean {
  return created.exitCode === 0 || created.stdout.split('\n').includes(`namespace/${name} created`);
}

/**
 * Why there is no run namespace. Only two answers are understood: a kubectl without the
 * command (runs in place, as before) and an API server that forbids it (runs in place
 * only with --allow-unisolated). Anything else (a timeout, a typo'd context) stops.
 */
function notIsolated(name: string, stderr: string, exitCode: number, policy: IsolationPolicy): RunNamespace {
  // The namespace's own error comes first; the ServiceAccount's, which follows from it, says less.
  const why = stderr.trim().split('\n')[0]?.trim() || `exit status ${exitCode}`;
  if (/^error: unknown (command|flag|shorthand)|^Error: unknown (command|flag|shorthand)/im.test(stderr)) {
    return inPlace(`could not create a run namespace (${why}); running in the context's own namespace`);
  }
  const forbidden = /\(Forbidden\)|is forbidden/i.test(why);
  if (forbidden && policy.allowUnisolated) {
    return inPlace(`could not create a run namespace (${why}); running in the context's own namespace (--allow-unisolated)`);
  }
  const remedy = forbidden
    ? 'Use --namespace NAME to run in place, or --allow-unisolated to run in the context\'s own namespace.'
    : 'Use --namespace NAME to run in place.';
  throw new InputError(`could not create the run namespace ${name}: ${why}. ${remedy}`);
}

/** Run in place: what the note leaves there is named when it is done, since no namespace of its own takes it away. */
async function sayingWhatIsLeft(client: Kubectl, target: ClusterTarget, inPlace: RunNamespace): Promise<RunNamespace> {
  const before = await objectsInPlace(client, target.contextArgs);
  return { ...inPlace, release: async (keep) => (await inPlace.release(keep)) ?? leftInPlace(client, target.contextArgs, before) };
}

function inPlace(warning: string): RunNamespace {
  return { name: 'default', warning, release: async () => undefined };
}

/** A KUBECONFIG that selects the target's context (used with `--context` or `--namespace`), nothing else changed. */
export function pinnedKubeconfig(target: ClusterTarget, namespace: string | undefined): { path: string; remove: () => void } {
  const dir = makeRunFolder('kube');
  const letGo = hold(`temporary kubeconfig ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
    letGo();
  };
  const path = join(dir, 'config');
  try {
    writeFileSync(path, kubeconfigText(target.kubeconfig, namespace), { mode: 0o600 });
  } catch (error) {
    remove();
    throw error;
  }
  return { path, remove };
}

const DELETE_TIMEOUT_MS = 10_000;

/**
 * Deletes without waiting for the pods in it to wind down; older or simpler clients lack
 * the flag. Says why, when the namespace may still be there.
 */
async function deleteNamespace(client: Kubectl, target: ClusterTarget, name: string): Promise<string | undefined> {
  const args = ['delete', 'namespace', name, ...target.contextArgs, '--ignore-not-found'];
  let deleted = await kubectl(client, [...args, '--wait=false'], DELETE_TIMEOUT_MS);
  if (deleted.exitCode !== 0 && /unknown (flag|shorthand)/i.test(deleted.stderr)) deleted = await kubectl(client, args, DELETE_TIMEOUT_MS);
  if (deleted.exitCode === 0 || /NotFound|not found/.test(deleted.stderr)) return undefined;
  const why = lastLine(deleted.stderr) || `exit status ${deleted.exitCode}`;
  return `could not delete the run namespace ${name} (${why}); it is still there: remove it with \`notes-run clean\` or \`kubectl delete namespace ${name}\``;
}

function namespaceName(noteFile: string): string {
  const slug = basename(noteFile, '.md').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30);
  return `notes-run-${slug || 'note'}-${randomBytes(3).toString('hex')}`;
}
