// Kubeconfig: find, parse (with a parse cache so most calls skip loading `yaml`),
// merge, resolve the context, and write it back the way kubectl does.
import { readFileSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fail } from './errors.mjs';

let yamlMod = null;
export async function yaml() {
  if (!yamlMod) yamlMod = (await import('yaml')).default;
  return yamlMod;
}

export function kubeconfigPaths(args) {
  const explicit = args.get('kubeconfig');
  if (explicit) return [explicit];
  const env = process.env.KUBECONFIG;
  if (env) return env.split(':').filter(Boolean);
  return [join(homedir(), '.kube', 'config')];
}

function cachePath() {
  const dir = process.env.KUBE_DOUBLE_STATE;
  return dir ? join(dir, 'kubeconfig-cache.json') : null;
}

async function parseFiles(paths, explicit) {
  const cp = cachePath();
  let cache = {};
  if (cp) {
    try {
      cache = JSON.parse(readFileSync(cp, 'utf8'));
    } catch {
      cache = {};
    }
  }
  let dirty = false;
  const files = [];
  for (const path of paths) {
    let text;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      if (explicit) fail(`error: stat ${path}: no such file or directory`);
      continue;
    }
    let data;
    if (cache[path] && cache[path].text === text) data = cache[path].data;
    else {
      const Y = await yaml();
      try {
        data = Y.parse(text) ?? {};
      } catch (e) {
        fail(`error: error loading config file "${path}": ${String(e.message).split('\n')[0]}`);
      }
      cache[path] = { text, data };
      dirty = true;
    }
    files.push({ path, data: data && typeof data === 'object' ? data : {} });
  }
  if (dirty && cp) {
    try {
      mkdirSync(dirname(cp), { recursive: true });
      const tmp = `${cp}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(cache));
      renameSync(tmp, cp);
    } catch {
      /* cache is best effort */
    }
  }
  return files;
}

const named = (list) => (Array.isArray(list) ? list.filter((x) => x && typeof x.name === 'string') : []);

/** Merge like clientcmd: for each name the first file wins; current-context from the first file setting it. */
export async function loadKubeconfig(args) {
  const paths = kubeconfigPaths(args);
  const files = await parseFiles(paths, !!args.get('kubeconfig'));
  const merged = { clusters: [], contexts: [], users: [], currentContext: '', preferences: {} };
  const seen = { clusters: new Set(), contexts: new Set(), users: new Set() };
  for (const f of files) {
    for (const key of ['clusters', 'contexts', 'users']) {
      for (const item of named(f.data[key])) {
        if (seen[key].has(item.name)) continue;
        seen[key].add(item.name);
        merged[key].push(item);
      }
    }
    if (!merged.currentContext && f.data['current-context']) merged.currentContext = String(f.data['current-context']);
  }
  const ctxFlag = args.get('context');
  const contextName = ctxFlag || merged.currentContext;
  const ctx = merged.contexts.find((c) => c.name === contextName);
  if (ctxFlag && !ctx) fail(`Error in configuration: context was not found for specified context: ${ctxFlag}`);
  const clusterName = args.get('cluster') || ctx?.context?.cluster;
  const cluster = merged.clusters.find((c) => c.name === clusterName);
  const server = args.get('server') || cluster?.cluster?.server || '';
  const namespace = args.get('namespace') || ctx?.context?.namespace || 'default';
  return { paths, files, merged, contextName, ctx, cluster, server, namespace, explicitNamespace: args.has('namespace') };
}

/** host:port and URL kubectl would dial. No kubeconfig at all → localhost:8080 (plain http). */
export function serverEndpoint(kc) {
  if (!kc.server) return { hostport: 'localhost:8080', url: 'http://localhost:8080', dial: '127.0.0.1:8080' };
  try {
    const u = new URL(kc.server);
    const port = u.port || (u.protocol === 'http:' ? '80' : '443');
    const hostport = `${u.hostname}:${port}`;
    return { hostport, url: `${u.protocol}//${u.host}`, dial: hostport };
  } catch {
    return { hostport: kc.server, url: kc.server, dial: kc.server };
  }
}

// ---------- serialisation in kubectl's canonical layout ----------

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o = {};
    for (const k of Object.keys(v).sort()) o[k] = sortKeys(v[k]);
    return o;
  }
  return v;
}

export function canonicalConfig({ clusters, contexts, users, currentContext, preferences }) {
  const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const item = (key) => (x) => ({ [key]: x[key] ?? {}, name: x.name });
  const cfg = {
    apiVersion: 'v1',
    clusters: clusters.slice().sort(byName).map(item('cluster')),
    contexts: contexts.slice().sort(byName).map(item('context')),
    'current-context': currentContext ?? '',
    kind: 'Config',
    preferences: preferences ?? {},
    users: users.slice().sort(byName).map((u) => ({ name: u.name, user: u.user ?? {} })),
  };
  return sortKeys(cfg);
}

export async function toYaml(obj) {
  const Y = await yaml();
  return Y.stringify(obj, { indentSeq: false, lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' });
}

function redact(cfg) {
  const walk = (v, key) => {
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const o = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x, k);
      return o;
    }
    if (typeof v === 'string' && key) {
      if (key.endsWith('-data')) return 'DATA+OMITTED';
      if (key === 'token' || key === 'password') return 'REDACTED';
    }
    return v;
  };
  return { ...cfg, clusters: walk(cfg.clusters), users: walk(cfg.users) };
}

async function writeConfigFile(path, cfg) {
  const text = await toYaml(canonicalConfig(cfg));
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function fileConfig(data) {
  return {
    clusters: named(data.clusters),
    contexts: named(data.contexts),
    users: named(data.users),
    currentContext: data['current-context'] ?? '',
    preferences: data.preferences ?? {},
  };
}

// ---------- `kubectl config ...` ----------

export async function configCommand(args, io, printObject) {
  const sub = args.pos[1];
  const kc = await loadKubeconfig(args);
  switch (sub) {
    case 'current-context': {
      if (!kc.merged.currentContext) fail('error: current-context is not set');
      io.out(kc.merged.currentContext + '\n');
      return 0;
    }
    case 'view': {
      let cfg = { ...kc.merged };
      if (args.bool('minify')) {
        if (!kc.contextName) fail('error: current-context must exist in order to minify');
        if (!kc.ctx) fail(`error: cannot locate context ${kc.contextName}`);
        cfg = {
          clusters: kc.cluster ? [kc.cluster] : [],
          contexts: [kc.ctx],
          users: kc.merged.users.filter((u) => u.name === kc.ctx.context?.user),
          currentContext: kc.contextName,
          preferences: kc.merged.preferences,
        };
      }
      if (args.bool('flatten')) {
        const inline = (obj, fileKey, dataKey) => {
          if (obj && obj[fileKey]) {
            try {
              obj[dataKey] = readFileSync(obj[fileKey]).toString('base64');
              delete obj[fileKey];
            } catch {
              /* leave the reference */
            }
          }
        };
        cfg.clusters = cfg.clusters.map((c) => {
          const cl = { ...(c.cluster ?? {}) };
          inline(cl, 'certificate-authority', 'certificate-authority-data');
          return { ...c, cluster: cl };
        });
        cfg.users = cfg.users.map((u) => {
          const us = { ...(u.user ?? {}) };
          inline(us, 'client-certificate', 'client-certificate-data');
          inline(us, 'client-key', 'client-key-data');
          return { ...u, user: us };
        });
      }
      let out = canonicalConfig(cfg);
      if (!args.bool('raw')) out = redact(out);
      const fmt = args.get('output', 'yaml');
      await printObject(out, fmt);
      return 0;
    }
    case 'get-contexts': {
      const wanted = args.pos.slice(2);
      let ctxs = kc.merged.contexts.slice().sort((a, b) => (a.name < b.name ? -1 : 1));
      if (wanted.length) {
        for (const w of wanted) if (!ctxs.some((c) => c.name === w)) fail(`error: context ${w} not found`);
        ctxs = ctxs.filter((c) => wanted.includes(c.name));
      }
      if (args.get('output') === 'name') {
        io.out(ctxs.map((c) => c.name + '\n').join(''));
        return 0;
      }
      const { table } = await import('./tabwriter.mjs');
      const rows = args.bool('no-headers') ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
      for (const c of ctxs) {
        const x = c.context ?? {};
        rows.push([c.name === kc.merged.currentContext ? '*' : '', c.name, x.cluster ?? '', x.user ?? '', x.namespace ?? '']);
      }
      io.out(table(rows));
      return 0;
    }
    case 'set-context': {
      let name = args.pos[2];
      if (args.bool('current')) {
        if (name) fail('error: you cannot specify both a context name and --current');
        if (!kc.merged.currentContext) fail('error: no current context is set');
        name = kc.merged.currentContext;
      }
      if (!name) fail("error: you must specify a non-empty context name or --current\nSee 'kubectl config set-context -h' for help and examples");
      // edit the file that defines the context, else the first file
      let target = kc.files.find((f) => named(f.data.contexts).some((c) => c.name === name));
      const path = target?.path ?? kc.paths[0];
      const cfg = fileConfig(target?.data ?? kc.files.find((f) => f.path === path)?.data ?? {});
      let ctx = cfg.contexts.find((c) => c.name === name);
      const created = !ctx;
      if (!ctx) {
        ctx = { name, context: { cluster: '', user: '' } };
        cfg.contexts.push(ctx);
      }
      ctx.context = { ...(ctx.context ?? {}) };
      if (args.has('namespace')) ctx.context.namespace = args.get('namespace');
      if (args.has('cluster')) ctx.context.cluster = args.get('cluster');
      if (args.has('user')) ctx.context.user = args.get('user');
      cfg.contexts = cfg.contexts.map((c) => (c.name === name ? ctx : c));
      await writeConfigFile(path, cfg);
      io.out(`Context "${name}" ${created ? 'created' : 'modified'}.\n`);
      return 0;
    }
    case 'use-context':
    case 'use': {
      const name = args.pos[2];
      if (!name) fail("error: Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples");
      if (!kc.merged.contexts.some((c) => c.name === name)) fail(`error: no context exists with the name: "${name}"`);
      const path = kc.files.find((f) => f.data['current-context'] !== undefined)?.path ?? kc.paths[0];
      const cfg = fileConfig(kc.files.find((f) => f.path === path)?.data ?? {});
      cfg.currentContext = name;
      await writeConfigFile(path, cfg);
      io.out(`Switched to context "${name}".\n`);
      return 0;
    }
    case undefined:
      fail('error: the config subcommand is required: current-context, view, get-contexts, set-context, use-context');
    default:
      fail(`error: unknown command "${sub}" for "kubectl config"`);
  }
}
