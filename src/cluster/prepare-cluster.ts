import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../errors.js';
import { makeRunFolder } from '../files/run-folders.js';
import { hold } from '../cleanup/leftovers.js';
import { runLabels } from './run-labels.js';
import type { ClusterEnvironment } from '../model.js';
import { contextEnds, kubeconfigFor } from './kubeconfig.js';
import { environmentOf, readNodes } from './read-environment.js';
import { kubectl, type Kubectl } from './kubectl.js';
import { contextUser, refusedCredentials } from './refused-credentials.js';
import { leftInPlace, objectsInPlace } from './left-in-place.js';
import { isAllowed, localityOf } from './local-context.js';

export interface ClusterTarget {
  context: string;
  /** `--context` for notes-run's own kubectl calls: only when the user named one, else the current one applies. */
  contextArgs: string[];
  clientVersion?: string;
  serverVersion?: string;
  /** Flavour, nodes and versions, read once per run: portability facts and snapshots use them. */
  environment: ClusterEnvironment;
}

/**
 * Reads the context, refuses one that does not look local, and checks the cluster
 * answers; `meanwhile` runs while kubectl asks it, once the context is known to be fine.
 */
export async function connect(client: Kubectl, named: string | undefined, allowed: readonly string[], meanwhile: () => void = () => undefined): Promise<ClusterTarget> {
  const current = await kubectl(client, ['config', 'current-context']);
  // Only the line break goes: a context may be named with a trailing space, and another name is another context.
  const currentName = current.stdout.replace(/\r?\n$/, '');
  if (!named && (current.exitCode !== 0 || currentName.trim() === '')) {
    throw new InputError(
      `no current kube context (${lastLine(current.stderr) || 'kubectl config current-context printed nothing'}); ` +
        'pick one with --context NAME, or check against snapshots with --offline',
    );
  }
  const context = named ?? currentName;
  if (!named && !isAllowed(context, allowed)) {
    const { server, user } = await contextEnds(client, context);
    const locality = localityOf(context, server, user);
    if (!locality.local) {
      throw new InputError(`refusing to run notes against kube context "${context}": ${locality.why}. Name it with --context ${context} or allow it in the config file to run anyway.`);
    }
  }
  const contextArgs = named ? ['--context', named] : [];
  const asking = kubectl(client, ['version', '--output=json', ...contextArgs]);
  const nodes = readNodes(client, contextArgs);
  meanwhile();
  const version = await asking;
  const versions = parseVersions(version.stdout);
  if (version.exitCode !== 0 && refusedCredentials(version.stderr)) {
    const user = await contextUser(client, contextArgs);
    throw new InputError(
      `the cluster of kube context "${context}" refused the credentials of ${user ? `user "${user}"` : 'its user'} (${lastLine(version.stderr)}). ` +
        'Renew that user\'s token or certificate in your kubeconfig, or check the notes against their snapshots with --offline.',
    );
  }
  if (version.exitCode !== 0 && (versions.serverVersion === undefined || looksUnreachable(version.stderr))) {
    if (!/unknown (command|flag)/i.test(version.stderr)) {
      const why = lastLine(version.stderr) || `kubectl version exited with ${version.exitCode}`;
      throw new InputError(
        `cannot reach the cluster of kube context "${context}": ${why}${/[.?!]$/.test(why) ? '' : '.'} ` +
          'Start the cluster, or check the notes against their snapshots with --offline.',
      );
    }
  }
  return { context, contextArgs, ...versions, environment: environmentOf(context, { client: versions.clientVersion, server: versions.serverVersion }, await nodes) };
}

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
 * A fresh namespace for one note, and a KUBECONFIG whose context points at it. Fails
 * closed: unless kubectl positively says why there can be no run namespace, the note
 * does not run at all rather than run in the context's own namespace.
 */
export async function isolate(client: Kubectl, target: ClusterTarget, noteFile: string, policy: IsolationPolicy): Promise<RunNamespace> {
  const name = namespaceName(noteFile);
  // Held from before the request: a create that is cut short may still have made it.
  const letGo = hold(`namespace ${name} (context ${target.context})`);
  const created = await kubectl(client, ['create', 'namespace', name, ...target.contextArgs]);
  if (created.exitCode !== 0) {
    await deleteNamespace(client, target, name);
    letGo();
    const inPlace = notIsolated(name, created.stderr, created.exitCode, policy);
    return policy.allowUnisolated ? await sayingWhatIsLeft(client, target, inPlace) : inPlace;
  }
  const dir = makeRunFolder('kube');
  const letGoDir = hold(`temporary kubeconfig ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
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
  try {
    const [config] = await Promise.all([kubeconfigFor(client, target.context, name), labelRunNamespace(client, target, name)]);
    writeFileSync(kubeconfig, config, { mode: 0o600 });
  } catch (error) {
    await release(false);
    if (!(error instanceof InputError)) throw error;
    throw new InputError(`${error.message}: cannot point the note's shell at its run namespace. Use --namespace NAME to run in place.`);
  }
  return { name, kubeconfig, release };
}

/**
 * Why there is no run namespace. Only two answers are understood: a kubectl without the
 * command (runs in place, as before) and an API server that forbids it (runs in place
 * only with --allow-unisolated). Anything else (a timeout, a typo'd context) stops.
 */
function notIsolated(name: string, stderr: string, exitCode: number, policy: IsolationPolicy): RunNamespace {
  const why = lastLine(stderr) || `exit status ${exitCode}`;
  if (/^error: unknown (command|flag)|^Error: unknown (command|flag)/im.test(stderr)) {
    return inPlace(`could not create a run namespace (${why}); running in the context's own namespace`);
  }
  const forbidden = /\(Forbidden\)|is forbidden/i.test(stderr);
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

/** A KUBECONFIG that selects `context` (used with `--context` or `--namespace`), nothing else changed. */
export async function pinnedKubeconfig(client: Kubectl, context: string, namespace: string | undefined): Promise<{ path: string; remove: () => void }> {
  const dir = makeRunFolder('kube');
  const letGo = hold(`temporary kubeconfig ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
    letGo();
  };
  const path = join(dir, 'config');
  try {
    writeFileSync(path, await kubeconfigFor(client, context, namespace), { mode: 0o600 });
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

/** Marks the namespace as ours, so `notes-run clean` finds it if this run cannot delete it. */
async function labelRunNamespace(client: Kubectl, target: ClusterTarget, name: string): Promise<void> {
  await kubectl(client, ['label', 'namespace', name, ...runLabels(), ...target.contextArgs]);
}

function namespaceName(noteFile: string): string {
  const slug = basename(noteFile, '.md').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30);
  return `notes-run-${slug || 'note'}-${randomBytes(3).toString('hex')}`;
}

function parseVersions(stdout: string): Pick<ClusterTarget, 'clientVersion' | 'serverVersion'> {
  try {
    const json = JSON.parse(stdout) as { clientVersion?: { gitVersion?: string }; serverVersion?: { gitVersion?: string } };
    return { clientVersion: json.clientVersion?.gitVersion, serverVersion: json.serverVersion?.gitVersion };
  } catch {
    return {
      clientVersion: /Client Version:\s*(\S+)/.exec(stdout)?.[1],
      serverVersion: /Server Version:\s*(\S+)/.exec(stdout)?.[1],
    };
  }
}

export function looksUnreachable(stderr: string): boolean {
  return /refused|Unable to connect|dial tcp|no such host|i\/o timeout|timed out|couldn't get current server API group list|did you specify the right host/i.test(stderr);
}

export function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? '';
}
