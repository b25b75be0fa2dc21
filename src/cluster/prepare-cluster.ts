import { InputError } from '../errors.js';
import type { ClusterEnvironment } from '../model.js';
import { readContext, type ContextConfig } from './kubeconfig.js';
import { environmentOf, readNodes } from './read-environment.js';
import { kubectl, type Kubectl } from './kubectl.js';
import { contextUser, refusedCredentials } from './refused-credentials.js';
import { isAllowed, localityOf, type UserAuth } from './local-context.js';

export interface ClusterTarget {
  context: string;
  /** `--context` for notes-run's own kubectl calls: only when the user named one, else the current one applies. */
  contextArgs: string[];
  /** The context as the kubeconfig holds it: name, namespace, server, user, and the config for the note's shell. */
  kubeconfig: ContextConfig;
  /**
   * Versions, flavour and nodes: asked once per run, while the first note's namespace is
   * made and its first steps run. Rejects with an InputError when the cluster does not answer.
   */
  facts: Promise<ClusterFacts>;
}

export interface ClusterFacts {
  clientVersion?: string;
  serverVersion?: string;
  /** Flavour, nodes and versions: portability facts and snapshots use them. */
  environment: ClusterEnvironment;
}

/**
 * Reads the context from the kubeconfig (no kubectl call) and refuses one that does not
 * look local; then asks the cluster for its versions and nodes without waiting for the
 * answer: nothing is made on the cluster before the context is known to be fine, and
 * nothing waits for the versions that does not need them.
 */
export function openContext(client: Kubectl, named: string | undefined, allowed: readonly string[]): ClusterTarget {
  const kubeconfig = readContext(client.env, named);
  const { name: context, server, user } = kubeconfig.context;
  if (!named && !isAllowed(context, allowed)) {
    const locality = localityOf(context, server, user as UserAuth | undefined);
    if (!locality.local) {
      throw new InputError(`refusing to run notes against kube context "${context}": ${locality.why}. Name it with --context ${context} or allow it in the config file to run anyway.`);
    }
  }
  const contextArgs = named ? ['--context', named] : [];
  const facts = askCluster(client, context, contextArgs, kubeconfig.config.contexts?.[0]?.context?.user);
  // Awaited later, by whoever needs the facts first; a cluster that is down must not crash the run before that.
  facts.catch(() => undefined);
  return { context, contextArgs, kubeconfig, facts };
}

/** `openContext`, and the cluster's answer awaited: for commands that need the cluster before anything else (`clean`). */
export async function connect(client: Kubectl, named: string | undefined, allowed: readonly string[]): Promise<ClusterTarget> {
  const target = openContext(client, named, allowed);
  await target.facts;
  return target;
}

/** `version` and `get nodes`, concurrently: two calls, one round trip. */
async function askCluster(client: Kubectl, context: string, contextArgs: string[], userName: unknown): Promise<ClusterFacts> {
  const asking = kubectl(client, ['version', '--output=json', ...contextArgs]);
  const nodes = readNodes(client, contextArgs);
  const version = await asking;
  const versions = parseVersions(version.stdout);
  if (version.exitCode !== 0 && refusedCredentials(version.stderr)) {
    const user = typeof userName === 'string' && userName !== '' ? userName : await contextUser(client, contextArgs);
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
  return { ...versions, environment: environmentOf(context, { client: versions.clientVersion, server: versions.serverVersion }, await nodes) };
}

function parseVersions(stdout: string): Pick<ClusterFacts, 'clientVersion' | 'serverVersion'> {
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
