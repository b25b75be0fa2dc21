// kubectl's printers: human tables per kind, -o name/json/yaml/jsonpath/custom-columns.
import { table, humanDuration } from './tabwriter.mjs';
import * as M from './model.mjs';
import { executeJsonpath, findResults, relaxed, goValue, goJSON } from './jsonpath.mjs';
import { fail } from './errors.mjs';
import { readFileSync } from 'node:fs';
import { statusWord, restartsCell } from './kubelet.mjs';

const age = (o, now) => humanDuration(M.ageMs(o, now));
const orNone = (v) => (v === undefined || v === null || v === '' ? '<none>' : String(v));

export function formatLabelSelector(sel) {
  if (!sel) return '<none>';
  const parts = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}=${sel.matchLabels[k]}`);
  for (const e of sel.matchExpressions ?? []) {
    const op = { In: 'in', NotIn: 'notin' }[e.operator];
    if (op) parts.push(`${e.key} ${op} (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

function servicePorts(svc) {
  const ports = svc.spec.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function externalIP(s, svc) {
  const t = svc.spec.type ?? 'ClusterIP';
  const ext = svc.spec.externalIPs ?? [];
  if (t === 'ClusterIP' || t === 'NodePort') return ext.length ? ext.join(',') : '<none>';
  if (t === 'ExternalName') return svc.spec.externalName;
  if (t === 'LoadBalancer') {
    const ing = (M.lbIngress(s, svc) ?? []).map((i) => i.ip ?? i.hostname);
    const all = [...ing, ...ext];
    return all.length ? all.join(',') : '<pending>';
  }
  return '<unknown>';
}

/** kubectl's formatEndpoints: `a,b,c + N more...`, `<none>` without subsets. */
export function formatEndpoints(ep) {
  if (!ep.subsets || !ep.subsets.length) return '<none>';
  const list = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of ep.subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports || !ss.ports.length) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${port.port}` : `${a.ip}:${port.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

const COLS = {
  Pod: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  Service: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  Deployment: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  ReplicaSet: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  Endpoints: ['NAME', 'ENDPOINTS', 'AGE'],
  ConfigMap: ['NAME', 'DATA', 'AGE'],
  Secret: ['NAME', 'TYPE', 'DATA', 'AGE'],
  Namespace: ['NAME', 'STATUS', 'AGE'],
  Node: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  Event: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
};
const WIDE = {
  Pod: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  Service: ['SELECTOR'],
  Deployment: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  ReplicaSet: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  Node: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
};

function cells(kind, s, o, now, wide) {
  const containers = (spec) => spec?.template?.spec?.containers ?? [];
  switch (kind) {
    case 'Pod': {
      const ready = M.isReady(o, now);
      const n = o.spec.containers.length;
      const row = [`${ready ? n : 0}/${n}`, statusWord(o, now) ?? (ready ? 'Running' : 'ContainerCreating'), restartsCell(o, now) ?? '0', age(o, now)];
      if (wide) row.push(ready ? o._ip : '<none>', o.spec.nodeName ?? '<none>', '<none>', '<none>');
      return row;
    }
    case 'Service': {
      const t = o.spec.type ?? 'ClusterIP';
      const row = [t, t === 'ExternalName' ? '<none>' : orNone(o.spec.clusterIP), externalIP(s, o), servicePorts(o), age(o, now)];
      if (wide) row.push(o.spec.selector ? M.selectorString(o.spec.selector) || '<none>' : '<none>');
      return row;
    }
    case 'Deployment': {
      const st = M.deploymentStatus(s, o, now);
      const row = [`${st.readyReplicas ?? 0}/${o.spec.replicas ?? 1}`, String(st.updatedReplicas ?? 0), String(st.availableReplicas ?? 0), age(o, now)];
      if (wide) row.push(containers(o.spec).map((c) => c.name).join(','), containers(o.spec).map((c) => c.image).join(','), formatLabelSelector(o.spec.selector));
      return row;
    }
    case 'ReplicaSet': {
      const st = M.rsStatus(s, o, now);
      const row = [String(o.spec.replicas ?? 1), String(st.replicas ?? 0), String(st.readyReplicas ?? 0), age(o, now)];
      if (wide) row.push(containers(o.spec).map((c) => c.name).join(','), containers(o.spec).map((c) => c.image).join(','), formatLabelSelector(o.spec.selector));
      return row;
    }
    case 'Endpoints':
      return [formatEndpoints(o), age(o, now)];
    case 'ConfigMap':
      return [String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length), age(o, now)];
    case 'Secret':
      return [o.type ?? 'Opaque', String(Object.keys(o.data ?? {}).length), age(o, now)];
    case 'Namespace':
      return ['Active', age(o, now)];
    case 'Node': {
      const row = ['Ready', 'control-plane,master', age(o, now), o.status.nodeInfo.kubeletVersion];
      if (wide) row.push(s.node.ip, '<none>', o.status.nodeInfo.osImage, o.status.nodeInfo.kernelVersion, o.status.nodeInfo.containerRuntimeVersion);
      return row;
    }
  }
  return [];
}

/**
 * One table per kind. groups: [{kind, objs}] with raw stored objects (or derived ones
 * carrying _ms/_off). opts: wide, withKind, allNamespaces, showLabels, labelColumns, noHeaders.
 */
humanTables.age = (o, now) => age(o, now);
const eventRow = (e, now) => [humanDuration(now - e._ms), e.type, e.reason, `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`, e.message];
export function humanTables(s, groups, opts, now) {
  const parts = [];
  for (const { kind, objs } of groups) {
    if (!objs.length) continue;
    const header = [...COLS[kind]];
    if (opts.wide && WIDE[kind]) header.push(...WIDE[kind]);
    const lcols = opts.labelColumns ?? [];
    header.push(...lcols.map((l) => l.split('/').pop().toUpperCase()));
    if (opts.showLabels) header.push('LABELS');
    if (opts.allNamespaces && M.KINDS[kind].ns) header.unshift('NAMESPACE');
    const rows = opts.noHeaders ? [] : [header];
    for (const o of objs) {
      const name = opts.withKind ? `${M.kindPrefix(kind)}/${o.metadata.name}` : o.metadata.name;
      const r = kind === 'Event' ? eventRow(o, now) : [name, ...cells(kind, s, o, now, opts.wide)];
      for (const l of lcols) r.push(o.metadata.labels?.[l] ?? '');
      if (opts.showLabels) r.push(M.selectorString(o.metadata.labels) || '<none>');
      if (opts.allNamespaces && M.KINDS[kind].ns) r.unshift(o.metadata.namespace);
      rows.push(r);
    }
    parts.push(table(rows));
  }
  return parts.join('\n');
}

export function sortKeysDeep(v) {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (v && typeof v === 'object') {
    const o = {};
    for (const k of Object.keys(v).sort()) o[k] = sortKeysDeep(v[k]);
    return o;
  }
  return v;
}

export const listObject = (items) => ({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });

async function toYaml(v) {
  const Y = (await import('yaml')).default;
  return Y.stringify(sortKeysDeep(v), { indentSeq: false, lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' });
}

const FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** Parse `-o` into {kind, arg}. */
export function outputFormat(o) {
  if (o === undefined || o === '') return { kind: 'table' };
  if (o === 'wide') return { kind: 'table', wide: true };
  const eq = o.indexOf('=');
  const name = eq >= 0 ? o.slice(0, eq) : o;
  const arg = eq >= 0 ? o.slice(eq + 1) : undefined;
  if (['json', 'yaml', 'name'].includes(name) && arg === undefined) return { kind: name };
  if (['jsonpath', 'jsonpath-as-json', 'custom-columns'].includes(name)) {
    if (!arg) fail(`error: ${name === 'custom-columns' ? 'custom-columns format specified but no custom columns given' : 'template format specified but no template given'}`);
    return { kind: name, arg };
  }
  if (name === 'jsonpath-file' || name === 'custom-columns-file') {
    let text;
    try {
      text = readFileSync(arg, 'utf8');
    } catch {
      fail(`error: error reading template ${arg}, open ${arg}: no such file or directory`);
    }
    return name === 'jsonpath-file' ? { kind: 'jsonpath', arg: text } : { kind: 'custom-columns-file', arg: text };
  }
  if (['go-template', 'go-template-file', 'template', 'templatefile'].includes(name))
    fail(`error: the kubectl test double does not support -o ${name}`);
  fail(`error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${FORMATS}`);
}

function customColumns(fmt, items) {
  let specs;
  if (fmt.kind === 'custom-columns-file') {
    const lines = fmt.arg.split('\n').filter((l) => l.trim());
    const heads = lines[0].trim().split(/\s+/);
    const paths = (lines[1] ?? '').trim().split(/\s+/);
    specs = heads.map((h, i) => [h, paths[i] ?? '']);
  } else {
    specs = fmt.arg.split(',').map((c) => {
      const i = c.indexOf(':');
      if (i < 0) fail(`error: unexpected custom-columns spec: ${c}, expected <header>:<json-path-expr>`);
      return [c.slice(0, i), c.slice(i + 1)];
    });
  }
  const rows = fmt.noHeaders ? [] : [specs.map(([h]) => h)];
  const tpls = specs.map(([, p]) => relaxed(p));
  for (const it of items) {
    rows.push(
      tpls.map((t) => {
        const vals = findResults(t, it);
        return vals.length ? vals.map(goValue).join(',') : '<none>';
      }),
    );
  }
  return table(rows);
}

/**
 * Print API objects in a non-table format. `single` = one object named on the command
 * line (printed bare, not wrapped in a List).
 */
export async function formatObjects(items, fmt, { single = false, prefixOf } = {}) {
  const obj = single && items.length === 1 ? items[0] : listObject(items);
  switch (fmt.kind) {
    case 'name':
      return items.map((o) => `${prefixOf ? prefixOf(o) : o.kind.toLowerCase()}/${o.metadata.name}\n`).join('');
    case 'json':
      return goJSON(sortKeysDeep(obj), 4) + '\n';
    case 'yaml':
      return toYaml(obj);
    case 'jsonpath':
      return executeJsonpath(fmt.arg, sortKeysDeep(obj));
    case 'jsonpath-as-json':
      return goJSON(findResults(fmt.arg, sortKeysDeep(obj)), 4) + '\n';
    case 'custom-columns':
    case 'custom-columns-file':
      return customColumns(fmt, items);
  }
  fail(`error: unsupported output format`);
}

/** Plain objects (kubectl config view, version): yaml/json/jsonpath. */
export async function printPlain(obj, output, io) {
  const fmt = outputFormat(output);
  if (fmt.kind === 'table' || fmt.kind === 'yaml') io.out(await toYaml(obj));
  else if (fmt.kind === 'json') io.out(goJSON(sortKeysDeep(obj), 4) + '\n');
  else if (fmt.kind === 'jsonpath') io.out(executeJsonpath(fmt.arg, obj));
  else if (fmt.kind === 'name') io.out('');
  else fail(`error: unable to match a printer suitable for the output format "${output}"`);
}
