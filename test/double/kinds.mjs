// Kinds, names, time and the object store inside the state.
import * as R from './rand.mjs';

export const KINDS = {
  Pod: { plural: 'pods', group: '', aliases: ['pod', 'pods', 'po'], ns: true },
  Service: { plural: 'services', group: '', aliases: ['service', 'services', 'svc'], ns: true },
  Deployment: { plural: 'deployments', group: 'apps', aliases: ['deployment', 'deployments', 'deploy'], ns: true },
  ReplicaSet: { plural: 'replicasets', group: 'apps', aliases: ['replicaset', 'replicasets', 'rs'], ns: true },
  Endpoints: { plural: 'endpoints', group: '', aliases: ['endpoints', 'endpoint', 'ep'], ns: true, virtual: true },
  ConfigMap: { plural: 'configmaps', group: '', aliases: ['configmap', 'configmaps', 'cm'], ns: true },
  Secret: { plural: 'secrets', group: '', aliases: ['secret', 'secrets'], ns: true },
  ServiceAccount: { plural: 'serviceaccounts', group: '', aliases: ['serviceaccount', 'serviceaccounts', 'sa'], ns: true },
  Namespace: { plural: 'namespaces', group: '', aliases: ['namespace', 'namespaces', 'ns'], ns: false },
  Node: { plural: 'nodes', group: '', aliases: ['node', 'nodes', 'no'], ns: false, virtual: true },
  Event: { plural: 'events', group: '', aliases: ['event', 'events', 'ev'], ns: true, virtual: true },
};
export const ALL_KINDS = ['Pod', 'Service', 'Deployment', 'ReplicaSet'];
export const STORED = ['Namespace', 'ServiceAccount', 'ConfigMap', 'Secret', 'Service', 'Deployment', 'ReplicaSet', 'Pod'];

/** `pods` / `deployments.apps`: how the API server names a kind in errors. */
export const resourceName = (kind) => (KINDS[kind].group ? `${KINDS[kind].plural}.${KINDS[kind].group}` : KINDS[kind].plural);
/** `pod` / `deployment.apps`: the prefix of `-o name` and of apply/delete messages. */
export const kindPrefix = (kind) => {
  const k = KINDS[kind];
  const singular = kind.toLowerCase();
  return k.group ? `${singular}.${k.group}` : singular;
};
export const apiVersionOf = (kind) => (KINDS[kind].group ? `${KINDS[kind].group}/v1` : 'v1');

export function resolveKind(word) {
  let w = String(word).toLowerCase();
  w = w.replace(/\.v1\.apps$|\.apps\/v1$|\.apps$|\.v1$/, '');
  for (const [kind, k] of Object.entries(KINDS)) if (k.aliases.includes(w)) return kind;
  return null;
}

// ---------- time ----------
export const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
/** Age as printed: real elapsed time plus the random offset chosen at creation. */
export const ageMs = (obj, now) => now - obj._ms + (obj._off ?? 0);
export const convergeMs = () => {
  const n = Number(process.env.KUBE_DOUBLE_CONVERGE_MS);
  return Number.isFinite(n) && n > 0 ? n : 0;
};

// ---------- storage ----------
const k = (ns, name) => (ns ? `${ns}/${name}` : name);
export const get = (s, kind, ns, name) => s.objects[kind]?.[k(KINDS[kind].ns ? ns : '', name)] ?? null;
export function put(s, obj) {
  const kind = obj.kind;
  s.objects[kind] ??= {};
  obj.metadata.resourceVersion = String(++s.rv);
  s.objects[kind][k(KINDS[kind].ns ? obj.metadata.namespace : '', obj.metadata.name)] = obj;
  return obj;
}
export function remove(s, kind, ns, name) {
  delete s.objects[kind]?.[k(KINDS[kind].ns ? ns : '', name)];
}
const byName = (a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
const byNsName = (a, b) =>
  a.metadata.namespace === b.metadata.namespace ? byName(a, b) : a.metadata.namespace < b.metadata.namespace ? -1 : 1;

/** Stored objects of a kind, sorted like the API server lists them (namespace, then name). */
export function list(s, kind, ns = null) {
  const objs = Object.values(s.objects[kind] ?? {});
  return (ns === null ? objs : objs.filter((o) => o.metadata.namespace === ns)).sort(ns === null ? byNsName : byName);
}

export function newObject(s, kind, name, ns, now, maxOff = null) {
  // a child is never older than its owner: its age offset stays below the owner's
  const off = maxOff === null ? R.ageOffset() : R.int(0, Math.max(1, maxOff));
  const metadata = { name, uid: R.uid(), creationTimestamp: iso(now - off) };
  if (KINDS[kind].ns) metadata.namespace = ns;
  s.seq = (s.seq ?? 0) + 1; // creation order, finer than a timestamp
  return { apiVersion: apiVersionOf(kind), kind, metadata, _ms: now, _off: off, _seq: s.seq };
}

