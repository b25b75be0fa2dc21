import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { InputError } from '../cli/input-error.js';
import { kubeconfigFor } from './kubeconfig.js';
import { kubectl, type Kubectl } from './kubectl.js';
import { isAllowed, looksLocal } from './local-context.js';

export interface ClusterTarget {
  context: string;
  /** `--context` for notes-run's own kubectl calls: only when the user named one, else the current one applies. */
  contextArgs: string[];
  clientVersion?: string;
  serverVersion?: string;
}

/**
 * Reads the context, refuses one that does not look local, and checks the cluster
 * answers; `meanwhile` runs while kubectl asks it, once the context is known to be fine.
 */
export async function connect(client: Kubectl, named: string | undefined, allowed: readonly string[], meanwhile: () => void = () => undefined): Promise<ClusterTarget> {
  const current = await kubectl(client, ['config', 'current-context']);
  const currentName = current.stdout.trim();
  if (!named && (current.exitCode !== 0 || currentName === '')) {
    throw new InputError(
      `no current kube context (${lastLine(current.stderr) || 'kubectl config current-context printed nothing'}); ` +
        'pick one with --context NAME, or check against snapshots with --offline',
    );
  }
  const context = named ?? currentName;
  if (!named && !looksLocal(context) && !isAllowed(context, allowed)) {
    throw new InputError(
      `refusing to run notes against kube context "${context}": it does not look like a local cluster ` +
        `(k3d-*, kind-*, minikube, docker-desktop, rancher-desktop, orbstack, colima*, default). ` +
        `Name it with --context ${context} or allow it in the config file to run anyway.`,
    );
  }
  const contextArgs = named ? ['--context', named] : [];
  const asking = kubectl(client, ['version', '--output=json', ...contextArgs]);
  meanwhile();
  const version = await asking;
  const versions = parseVersions(version.stdout);
  if (version.exitCode !== 0 && (versions.serverVersion === undefined || looksUnreachable(version.stderr))) {
    if (!/unknown (command|flag)/i.test(version.stderr)) {
      const why = lastLine(version.stderr) || `kubectl version exited with ${version.exitCode}`;
      throw new InputError(
        `cannot reach the cluster of kube context "${context}": ${why}${/[.?!]$/.test(why) ? '' : '.'} ` +
          'Start the cluster, or check the notes against their snapshots with --offline.',
      );
    }
  }
  return { context, contextArgs, ...versions };
}

export interface RunNamespace {
  name: string;
  /** KUBECONFIG for the note's shell: the context, pointed at the run namespace. */
  kubeconfig?: string;
  /** Said once to the user when the run could not be isolated as asked. */
  warning?: string;
  /** Deletes the namespace and the temporary kubeconfig; safe to call twice. */
  release: (keep: boolean) => Promise<void>;
}

/** A fresh namespace for one note, and a KUBECONFIG whose context points at it. */
export async function isolate(client: Kubectl, target: ClusterTarget, noteFile: string): Promise<RunNamespace> {
  const name = namespaceName(noteFile);
  const created = await kubectl(client, ['create', 'namespace', name, ...target.contextArgs]);
  if (created.exitCode !== 0) {
    const why = lastLine(created.stderr) || `exit status ${created.exitCode}`;
    // A real API server answers a refused create with `Error from server (...)`: never run unisolated then.
    if (/Error from server|forbidden|unauthorized|refused|Unable to connect/i.test(created.stderr)) {
      throw new InputError(`could not create the run namespace ${name}: ${why}. Use --namespace NAME to run in place.`);
    }
    return inPlace(`could not create a run namespace (${why}); running in the context's own namespace`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'notes-run-kube-'));
  let released = false;
  const release = async (keep: boolean) => {
    if (released) return;
    released = true;
    rmSync(dir, { recursive: true, force: true });
    if (!keep) await deleteNamespace(client, target, name);
  };
  const kubeconfig = join(dir, 'config');
  try {
    writeFileSync(kubeconfig, await kubeconfigFor(client, target.context, name), { mode: 0o600 });
  } catch (error) {
    await release(false);
    if (!(error instanceof InputError)) throw error;
    return inPlace(`${error.message}; running in the context's own namespace`);
  }
  return { name, kubeconfig, release };
}

function inPlace(warning: string): RunNamespace {
  return { name: 'default', warning, release: async () => undefined };
}

/** A KUBECONFIG that selects `context` (used with `--context` or `--namespace`), nothing else changed. */
export async function pinnedKubeconfig(client: Kubectl, context: string, namespace: string | undefined): Promise<{ path: string; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'notes-run-kube-'));
  const path = join(dir, 'config');
  writeFileSync(path, await kubeconfigFor(client, context, namespace), { mode: 0o600 });
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Deletes without waiting for the pods in it to wind down; older or simpler clients lack the flag. */
async function deleteNamespace(client: Kubectl, target: ClusterTarget, name: string): Promise<void> {
  const quick = await kubectl(client, ['delete', 'namespace', name, ...target.contextArgs, '--wait=false']);
  if (quick.exitCode !== 0 && /unknown (flag|shorthand)/i.test(quick.stderr)) await kubectl(client, ['delete', 'namespace', name, ...target.contextArgs]);
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
