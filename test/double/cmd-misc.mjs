// wait, logs, port-forward, cluster-info, api-resources.
import { fail } from './errors.mjs';
import * as R from './rand.mjs';
import * as M from './model.mjs';
import { requireServer } from './main.mjs';
import { parseTargets, select, getOne, notFoundMsg, kindOf } from './query.mjs';
import { findResults } from './jsonpath.mjs';
import { parseDuration } from './args.mjs';
import { sleepSync } from './state.mjs';
import { stayAlive } from './longrun.mjs';
import { table } from './tabwriter.mjs';
import { scaled, logsOfTroubled } from './kubelet.mjs';
import * as clock from './clock.mjs';

const ref = (o) => `${M.kindPrefix(o.kind)}/${o.metadata.name}`;
const plural = (o) => `${M.resourceName(o.kind)}/${o.metadata.name}`;

function parseFor(f) {
  if (!f) fail('error: unrecognized condition: ""');
  if (f === 'delete') return { type: 'delete' };
  if (f === 'create') return { type: 'create' };
  let m;
  if ((m = /^condition=([^=]+)(?:=(.*))?$/i.exec(f))) return { type: 'condition', cond: m[1], want: (m[2] ?? 'true').toLowerCase() };
  if ((m = /^jsonpath=(.*)$/.exec(f))) {
    const expr = m[1];
    const close = expr.lastIndexOf('}');
    if (!expr.startsWith('{') || close < 0) fail(`error: unrecognized condition: "${f}"`);
    const path = expr.slice(0, close + 1);
    const rest = expr.slice(close + 1);
    return { type: 'jsonpath', path, value: rest.startsWith('=') ? rest.slice(1) : null };
  }
  fail(`error: unrecognized condition: "${f}"`);
}

function met(cond, view) {
  if (cond.type === 'condition') {
    const c = (view.status?.conditions ?? []).find((x) => x.type.toLowerCase() === cond.cond.toLowerCase());
    return !!c && String(c.status).toLowerCase() === cond.want;
  }
  if (cond.type === 'jsonpath') {
    const v = findResults(cond.path, view);
    if (cond.value === null) return v.length > 0;
    return v.length > 0 && String(v[0]) === cond.value;
  }
  return true;
}

export async function wait(ctx) {
  const { args, io } = ctx;
  const cond = parseFor(args.get('for'));
  const timeout = scaled(parseDuration(args.get('timeout'), 30_000));
  const words = args.pos.slice(1);
  if (!words.length && !args.has('filename')) fail("error: resource(s) were provided, but no name was specified");
  const targets = parseTargets(words);
  if (targets.some((t) => !t.names.length) && !args.has('selector') && !args.bool('all') && !args.has('field-selector'))
    fail('error: resource(s) were provided, but no name was specified');
  requireServer(ctx);
  const deadline = clock.now() + timeout;
  let s = ctx.state();
  let now = ctx.now();
  const opts = { ns: ctx.ns, allNs: args.bool('all-namespaces'), selector: args.get('selector'), fieldSelector: args.get('field-selector'), now };
  let objs = [];
  const errors = [];
  for (const t of targets) {
    const r = select(s, t, opts);
    objs.push(...r.objs);
    if (cond.type !== 'delete') errors.push(...r.errors);
  }
  if (errors.length) fail(errors.join('\n'));
  if (!objs.length) {
    if (cond.type === 'delete' && targets.every((t) => t.names.length)) return 0;
    fail('error: no matching resources found');
  }
  let pending = objs.map((o) => ({ kind: o.kind, ns: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid, o }));
  for (;;) {
    const still = [];
    for (const p of pending) {
      const live = getOne(s, p.kind, p.ns, p.name, now);
      const same = live && (!p.uid || live.metadata.uid === p.uid);
      if (cond.type === 'delete') {
        if (!same) io.out(`${ref(p.o)} condition met\n`);
        else still.push(p);
        continue;
      }
      if (!same) fail(notFoundMsg(p.kind, p.name));
      if (met(cond, M.view(s, live, now))) io.out(`${ref(p.o)} condition met\n`);
      else still.push(p);
    }
    pending = still;
    if (!pending.length) return 0;
    if (clock.now() >= deadline) fail(`error: timed out waiting for the condition on ${plural(pending[0].o)}`);
    sleepSync(Math.min(50, Math.max(1, deadline - clock.now())));
    s = ctx.state();
    now = ctx.now();
  }
}

/** `POD`, `pod/x`, `deploy/x`, `svc/x`, `rs/x` → a pod (kubectl's attachable pod). */
export function podFor(ctx, s, word, now, { verb = 'logs' } = {}) {
  const i = word.indexOf('/');
  const kind = i < 0 ? 'Pod' : kindOf(word.slice(0, i));
  const name = i < 0 ? word : word.slice(i + 1);
  const obj = getOne(s, kind, ctx.ns, name, now);
  if (!obj) fail(notFoundMsg(kind, name));
  if (kind === 'Pod') return { pod: obj, count: 1 };
  let reqs;
  if (kind === 'Deployment' || kind === 'ReplicaSet') reqs = M.selectorReqs(obj.spec.selector);
  else if (kind === 'Service') {
    if (!obj.spec.selector) fail(`error: invalid service '${name}': Service is defined without a selector`);
    reqs = Object.entries(obj.spec.selector).map(([key, v]) => ({ key, op: '=', values: [String(v)] }));
  } else fail(`error: cannot ${verb} ${M.resourceName(kind)}`);
  const pods = M.list(s, 'Pod', ctx.ns).filter((p) => M.matches(p.metadata.labels, reqs));
  if (!pods.length) fail(kind === 'Service' ? `error: timed out waiting for the condition` : `error: timed out waiting for the condition`);
  // prefer ready pods, then the oldest
  pods.sort((a, b) => M.isReady(b, now) - M.isReady(a, now) || a._ms - b._ms);
  return { pod: pods[0], count: pods.length };
}

export function containerOf(ctx, pod, { quietDefault = false } = {}) {
  const cs = pod.spec.containers;
  const want = ctx.args.get('container');
  if (want) {
    const c = cs.find((x) => x.name === want);
    if (!c) fail(`error: container ${want} is not valid for pod ${pod.metadata.name}`);
    return c;
  }
  if (cs.length > 1 && !quietDefault) ctx.io.err(`Defaulted container "${cs[0].name}" out of: ${cs.map((c) => c.name).join(', ')}\n`);
  return cs[0];
}

/** Deterministic log lines for a container. */
export function logLines(pod, c) {
  const port = (c.ports ?? [])[0]?.containerPort;
  return [
    `Starting ${c.image} in container ${c.name}`,
    port ? `Listening on port ${port}` : `Container ${c.name} is running`,
    'Ready',
  ];
}

export async function logs(ctx) {
  const { args, io } = ctx;
  const word = args.pos[1];
  if (!word && !args.has('selector'))
    fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
  requireServer(ctx);
  const s = ctx.state();
  const now = ctx.now();
  let pods;
  if (args.has('selector') && !word) {
    pods = M.list(s, 'Pod', ctx.ns).filter((p) => M.matches(p.metadata.labels, M.parseSelector(args.get('selector'))));
    if (!pods.length) {
      io.err(`No resources found in ${ctx.ns} namespace.\n`);
      return 0;
    }
  } else {
    const { pod, count } = podFor(ctx, s, word, now);
    if (count > 1) io.err(`Found ${count} pods, using pod/${pod.metadata.name}\n`);
    pods = [pod];
  }
  let out = '';
  for (const pod of pods) {
    const cs = args.bool('all-containers') ? pod.spec.containers : [containerOf(ctx, pod)];
    for (const c of cs) {
      const troubled = M.isReady(pod, now) ? null : logsOfTroubled(pod, c, now);
      if (troubled?.error) fail(troubled.error);
      if (!M.isReady(pod, now) && !troubled) fail(`Error from server (BadRequest): container "${c.name}" in pod "${pod.metadata.name}" is waiting to start: ContainerCreating`);
      if (args.bool('previous') && !troubled) fail(`Error from server (BadRequest): previous terminated container "${c.name}" in pod "${pod.metadata.name}" not found`);
      let lines = troubled?.lines ?? logLines(pod, c);
      if (args.has('tail') && Number(args.get('tail')) >= 0) lines = lines.slice(Math.max(0, lines.length - Number(args.get('tail'))));
      if (args.bool('timestamps')) lines = lines.map((l, i) => `${new Date(pod._readyAt + i * 7).toISOString().replace('Z', '000000Z')} ${l}`);
      const prefix = args.bool('prefix') || pods.length > 1 ? `[pod/${pod.metadata.name}/${c.name}] ` : '';
      if (args.bool('prefix')) lines = lines.map((l) => prefix + l);
      out += lines.map((l) => l + '\n').join('');
    }
  }
  io.out(out);
  if (args.bool('follow')) return stayAlive();
  return 0;
}

export async function portForward(ctx) {
  const { args, io } = ctx;
  const [, word, ...ports] = args.pos;
  if (!word || !ports.length) fail("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples");
  requireServer(ctx);
  const s = ctx.state();
  const now = ctx.now();
  const isSvc = /^(svc|service|services)\//.test(word);
  const svc = isSvc ? getOne(s, 'Service', ctx.ns, word.split('/')[1], now) : null;
  const { pod } = podFor(ctx, s, word, now, { verb: 'port-forward' });
  if (!M.isReady(pod, now)) fail('error: unable to forward port because pod is not running. Current status=Pending');
  const containerPorts = pod.spec.containers.flatMap((c) => c.ports ?? []);
  const lines = [];
  const addresses = args.all('address').flatMap((a) => a.split(','));
  const addrs = addresses.length ? addresses : ['localhost'];
  for (const spec of ports) {
    const m = /^(\d*)(?::(.+))?$/.exec(spec);
    if (!m) fail(`error: Error parsing local port '${spec}': strconv.Atoi: parsing "${spec}": invalid syntax`);
    let local = m[1];
    let remote = m[2] ?? m[1];
    if (spec.startsWith(':')) local = String(R.int(30000, 60000));
    if (!remote) fail(`error: Error parsing remote port '${spec}'`);
    if (svc) {
      const sp = (svc.spec.ports ?? []).find((p) => String(p.port) === remote || p.name === remote);
      if (!sp) fail(`error: Service ${svc.metadata.name} does not have a service port ${remote}`);
      remote = String(sp.targetPort ?? sp.port);
      if (!m[2] && !spec.startsWith(':')) local = String(sp.port);
    }
    if (!/^\d+$/.test(remote)) {
      const cp = containerPorts.find((p) => p.name === remote);
      if (!cp) fail(`error: Pod '${pod.metadata.name}' does not have a named port '${remote}'`);
      remote = String(cp.containerPort);
    }
    for (const a of addrs) {
      if (a === 'localhost') lines.push(`Forwarding from 127.0.0.1:${local} -> ${remote}`, `Forwarding from [::1]:${local} -> ${remote}`);
      else lines.push(`Forwarding from ${a.includes(':') ? `[${a}]` : a}:${local} -> ${remote}`);
    }
  }
  io.out(lines.map((l) => l + '\n').join(''));
  return stayAlive();
}

export async function clusterInfo(ctx) {
  requireServer(ctx);
  if (ctx.args.pos[1] === 'dump') fail('error: the kubectl test double does not support "kubectl cluster-info dump"');
  const base = ctx.kc.server.replace(/\/$/, '');
  ctx.io.out(
    `Kubernetes control plane is running at ${base}\n` +
      `CoreDNS is running at ${base}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n` +
      `Metrics-server is running at ${base}/api/v1/namespaces/kube-system/services/https:metrics-server:https/proxy\n\n` +
      `To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
  );
  return 0;
}

export async function apiResources(ctx) {
  requireServer(ctx);
  const rows = [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']];
  const sorted = Object.entries(M.KINDS).sort(([, a], [, b]) => (a.plural < b.plural ? -1 : 1));
  for (const [kind, k] of sorted) {
    const short = k.aliases.filter((a) => a.length <= 4 && a !== k.plural && a !== kind.toLowerCase()).join(',');
    rows.push([k.plural, short, M.apiVersionOf(kind), String(k.ns), kind]);
  }
  ctx.io.out(table(rows));
  return 0;
}

