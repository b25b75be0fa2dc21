// Resolving command-line resource arguments (`pods`, `svc,deploy`, `all`, `pod/x`) to objects.
import { fail } from './errors.mjs';
import * as M from './model.mjs';
import { findResults, relaxed } from './jsonpath.mjs';
import { eventObjects } from './kubelet.mjs';

/** words → [{kind, names}] in argument order. */
export function parseTargets(words, { allowAll = true } = {}) {
  if (!words.length) return [];
  if (words.some((w) => w.includes('/'))) {
    const out = [];
    for (const w of words) {
      const i = w.indexOf('/');
      if (i < 0) fail('error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. \'kubectl get resource/<resource_name>\' instead of \'kubectl get resource resource/<resource_name>\'');
      const kind = kindOf(w.slice(0, i));
      const name = w.slice(i + 1);
      const last = out[out.length - 1];
      if (last && last.kind === kind) last.names.push(name);
      else out.push({ kind, names: [name] });
    }
    return out;
  }
  const kinds = [];
  for (const t of words[0].split(',')) {
    if (t === 'all' && allowAll) kinds.push(...M.ALL_KINDS.map((k) => ({ kind: k, all: true })));
    else kinds.push({ kind: kindOf(t) });
  }
  const names = words.slice(1);
  if (names.length && kinds.length > 1) fail('error: you must specify only one resource');
  return kinds.map((k) => ({ ...k, names }));
}

export function kindOf(word) {
  const k = M.resolveKind(word);
  if (!k) fail(`error: the server doesn't have a resource type "${word}"`);
  return k;
}

function fieldFilter(str) {
  if (!str) return () => true;
  const reqs = str.split(',').map((p) => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(p.trim());
    if (!m) fail(`error: invalid selector: '${str}'; can't understand '${p}'`);
    return { path: relaxed(m[1]), neg: m[2] === '!=', value: m[3] };
  });
  return (view) =>
    reqs.every((r) => {
      const v = findResults(r.path, view);
      const eq = v.length > 0 && String(v[0]) === r.value;
      return r.neg ? !eq : eq;
    });
}

/** All objects of a kind in a namespace (null = all namespaces), including derived kinds. */
export function listKind(s, kind, ns, now) {
  if (kind === 'Endpoints') return M.list(s, 'Service', ns).map((svc) => M.endpointsFor(s, svc, now)).filter(Boolean);
  if (kind === 'Node') return [M.nodeObject(s, now)];
  if (kind === 'Event') return eventObjects(s, M.list(s, 'Pod', ns), now);
  return M.list(s, kind, M.KINDS[kind].ns ? ns : null);
}

export function getOne(s, kind, ns, name, now) {
  if (kind === 'Endpoints') {
    const svc = M.get(s, 'Service', ns, name);
    return svc ? M.endpointsFor(s, svc, now) : null;
  }
  if (kind === 'Node') return name === s.node.name ? M.nodeObject(s, now) : null;
  if (kind === 'Event') return eventObjects(s, M.list(s, 'Pod', ns), now).find((e) => e.metadata.name === name) ?? null;
  return M.get(s, kind, ns, name);
}

export const notFoundMsg = (kind, name) => `Error from server (NotFound): ${M.resourceName(kind)} "${name}" not found`;

/**
 * Objects for one target. Returns {objs, errors}. Named objects keep argument order;
 * listed ones are sorted by name.
 */
export function select(s, target, { ns, allNs, selector, fieldSelector, now }) {
  const reqs = selector ? M.parseSelector(selector) : null;
  const ff = fieldFilter(fieldSelector);
  const errors = [];
  let objs;
  if (target.names?.length) {
    objs = [];
    for (const n of target.names) {
      const o = getOne(s, target.kind, ns, n, now);
      if (o) objs.push(o);
      else errors.push(notFoundMsg(target.kind, n));
    }
  } else {
    objs = listKind(s, target.kind, allNs ? null : ns, now);
  }
  if (reqs) objs = objs.filter((o) => M.matches(o.metadata.labels, reqs));
  if (fieldSelector) objs = objs.filter((o) => ff(M.view(s, o, now)));
  return { objs, errors };
}

export const endpointsWarning = () =>
  Number((process.env.KUBE_DOUBLE_SERVER || '1.31').split('.')[1]) >= 33
    ? 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n'
    : '';
