import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse, stringify, type YAMLError } from 'yaml';
import { InputError } from '../errors.js';

// The kube context is read from the kubeconfig files themselves, with kubectl's merge
// rules, rather than asked of kubectl: no process on the run's critical path, and the
// context's name, server and user come from the same reading the note's shell gets.

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

/** What the local-context decision and the run read of one context. */
export interface KubeContext {
  name: string;
  /** The context's own namespace, when it names one. */
  namespace?: string;
  /** The API server's URL. */
  server?: string;
  /** The user's auth stanza (`token`, `client-certificate-data`, `exec`, ...). */
  user?: Record<string, unknown>;
}

/** One context read from the kubeconfig, and the config that holds just it, for the note's shell. */
export interface ContextConfig {
  context: KubeContext;
  config: KubeconfigFile;
}

/** Kubeconfig files are small; a larger one is not what kubectl reads either. */
const MAX_KUBECONFIG_BYTES = 16 * 2 ** 20;

/**
 * The context `named` (else the current one) as kubectl would read it: the files of
 * KUBECONFIG (else ~/.kube/config), the first that names an entry wins, the first that
 * sets `current-context` chooses. Throws an InputError saying what is missing.
 */
export function readContext(env: NodeJS.ProcessEnv, named: string | undefined): ContextConfig {
  const files = kubeconfigFiles(env);
  const name = named ?? files.map((file) => file.config['current-context']).find((current) => typeof current === 'string' && current !== '');
  if (name === undefined) {
    throw new InputError(
      `no current kube context (${files.length === 0 ? 'no kubeconfig file found' : 'the kubeconfig sets no current-context'}); ` +
        'pick one with --context NAME, or check against snapshots with --offline',
    );
  }
  const config = minified(files, name);
  if (!config) throw new InputError(`could not read kube context "${name}": the kubeconfig has no such context`);
  const entry = config.contexts![0];
  const cluster = config.clusters?.[0]?.cluster as Record<string, unknown> | undefined;
  const user = config.users?.[0]?.user as Record<string, unknown> | undefined;
  const namespace = entry.context?.namespace;
  return {
    context: {
      name,
      ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
      ...(typeof cluster?.server === 'string' ? { server: cluster.server } : {}),
      ...(user ? { user } : {}),
    },
    config,
  };
}

/** The kubeconfig text for the note's shell: just the context, made current, optionally pointed at `namespace`. */
export function kubeconfigText(read: ContextConfig, namespace: string | undefined): string {
  const config = structuredClone(read.config);
  const entry = config.contexts![0];
  entry.context ??= {};
  if (namespace) entry.context.namespace = namespace;
  config['current-context'] = entry.name;
  return stringify(config);
}

function kubeconfigFiles(env: NodeJS.ProcessEnv): { path: string; config: KubeconfigFile }[] {
  const paths = (env.KUBECONFIG || join(env.HOME || homedir(), '.kube', 'config')).split(delimiter).filter((path) => path && existsSync(path));
  return paths.flatMap((path) => {
    const config = parseConfig(path);
    return config ? [{ path, config }] : [];
  });
}

/** One kubeconfig file; one kubectl could not load either is an input error naming it (and the line). */
function parseConfig(path: string): KubeconfigFile | undefined {
  let text: string;
  try {
    if (!statSync(path).isFile()) return undefined;
    if (statSync(path).size > MAX_KUBECONFIG_BYTES) throw new InputError(`the kubeconfig ${path} is larger than ${MAX_KUBECONFIG_BYTES / 2 ** 20} MB`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`could not read the kubeconfig ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    const config = parse(text) as KubeconfigFile;
    return config !== null && typeof config === 'object' ? config : undefined;
  } catch (error) {
    const line = (error as YAMLError).linePos?.[0]?.line;
    throw new InputError(`${path}${line ? `:${line}` : ''}: the kubeconfig is not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
}

/** kubectl's merge rule: the first file that names an entry wins. */
function minified(files: { path: string; config: KubeconfigFile }[], context: string): KubeconfigFile | undefined {
  const find = <T>(key: 'clusters' | 'users' | 'contexts', name: unknown) => {
    for (const file of files) {
      const entries = file.config[key];
      const entry = Array.isArray(entries) ? (entries as Named<T>[]).find((e) => e?.name === name) : undefined;
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
