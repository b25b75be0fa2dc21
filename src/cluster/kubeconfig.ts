import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { InputError } from '../errors.js';
import { kubectl, type Kubectl } from './kubectl.js';
import type { UserAuth } from './local-context.js';

interface Named<T> {
  name: string;
  [key: string]: unknown;
  context?: T;
}

interface KubeconfigFile {
  clusters?: Named<unknown>[];
  users?: Named<unknown>[];
  contexts?: Named<Record<string, unknown>>[];
  'current-context'?: string;
  [key: string]: unknown;
}

/**
 * A kubeconfig holding just `context`, made current, optionally pointed at `namespace`.
 * kubectl builds it (`config view --minify --flatten`, which embeds certificate files);
 * when that is not available, it is assembled from the KUBECONFIG files directly.
 */
export async function kubeconfigFor(client: Kubectl, context: string, namespace: string | undefined): Promise<string> {
  const view = await kubectl(client, ['config', 'view', '--minify', '--flatten', '--raw', '--context', context]);
  const config = (view.exitCode === 0 && parseConfig(view.stdout)) || fromFiles(client.env, context);
  const entry = config?.contexts?.find((c) => c.name === context) ?? config?.contexts?.[0];
  if (!config || !entry) {
    throw new InputError(`could not read kube context "${context}" (kubectl config view: ${view.stderr.trim().split('\n').pop() || 'no such context'})`);
  }
  entry.context ??= {};
  if (namespace) entry.context.namespace = namespace;
  config['current-context'] = entry.name;
  return stringify(config);
}

/** The server and the user's way of signing in of one context: what says whether it is local besides its name. */
export async function contextEnds(client: Kubectl, context: string): Promise<{ server?: string; user?: UserAuth }> {
  const view = await kubectl(client, ['config', 'view', '--minify', '--context', context]);
  const config = (view.exitCode === 0 && parseConfig(view.stdout)) || fromFiles(client.env, context);
  const cluster = config?.clusters?.[0]?.cluster as { server?: unknown } | undefined;
  const user = config?.users?.[0]?.user as UserAuth | undefined;
  return { ...(typeof cluster?.server === 'string' ? { server: cluster.server } : {}), ...(user && typeof user === 'object' ? { user } : {}) };
}

function parseConfig(text: string): KubeconfigFile | undefined {
  try {
    const config = parse(text) as KubeconfigFile;
    return Array.isArray(config?.contexts) ? config : undefined;
  } catch {
    return undefined;
  }
}

/** kubectl's merge rule: the first file that names an entry wins. */
function fromFiles(env: NodeJS.ProcessEnv, context: string): KubeconfigFile | undefined {
  const paths = (env.KUBECONFIG || join(homedir(), '.kube', 'config')).split(delimiter).filter((path) => path && existsSync(path));
  const files = paths.map((path) => ({ path, config: parseConfig(readFileSync(path, 'utf8')) })).filter((file) => file.config);
  const find = <T>(key: 'clusters' | 'users' | 'contexts', name: unknown) => {
    for (const file of files) {
      const entry = (file.config![key] as Named<T>[] | undefined)?.find((e) => e.name === name);
      if (entry) return { entry: structuredClone(entry), base: dirname(file.path) };
    }
    return undefined;
  };
  const found = find<Record<string, unknown>>('contexts', context);
  if (!found) return undefined;
  const cluster = find('clusters', found.entry.context?.cluster);
  const user = find('users', found.entry.context?.user);
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: cluster ? [absolutePaths(cluster.entry, 'cluster', cluster.base)] : [],
    users: user ? [absolutePaths(user.entry, 'user', user.base)] : [],
    contexts: [found.entry],
    'current-context': context,
  };
}

/** Certificate and token paths are relative to the file that names them; the copy lives elsewhere. */
function absolutePaths(entry: Named<unknown>, key: string, base: string): Named<unknown> {
  const body = entry[key] as Record<string, unknown> | undefined;
  for (const field of ['certificate-authority', 'client-certificate', 'client-key', 'tokenFile']) {
    const value = body?.[field];
    if (typeof value === 'string' && !isAbsolute(value)) body![field] = resolve(base, value);
  }
  return entry;
}
