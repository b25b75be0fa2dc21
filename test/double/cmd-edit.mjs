// Verbs that change live objects: expose, run, scale, label, rollout, set image.
import { fail } from './errors.mjs';
import * as M from './model.mjs';
import { requireServer } from './main.mjs';
import { createFrom, deleteObject, deletedMessage, canonical } from './resources.mjs';
import { parseTargets, select, notFoundMsg } from './query.mjs';
import { outputFormat, formatObjects } from './printers.mjs';
import { sleepSync } from './state.mjs';
import { parseDuration } from './args.mjs';
import { ref, dryRun } from './cmd-apply.mjs';
import * as clock from './clock.mjs';

// ---------- expose ----------
export async function expose(ctx) {
  const { args, io } = ctx;
  const targets = parseTargets(args.pos.slice(1));
  if (targets.length !== 1 || targets[0].names.length !== 1)
    fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const { kind, names } = targets[0];
  requireServer(ctx);
  let svcName;
  ctx.mutate((s, now) => {
    const o = M.get(s, kind, ctx.ns, names[0]);
    if (!o) fail(notFoundMsg(kind, names[0]));
    let selector;
    let containers = [];
    if (kind === 'Deployment' || kind === 'ReplicaSet') {
      selector = { ...(o.spec.selector.matchLabels ?? {}) };
      if (kind === 'ReplicaSet') delete selector['pod-template-hash'];
      containers = o.spec.template.spec.containers;
    } else if (kind === 'Pod') {
      selector = { ...(o.metadata.labels ?? {}) };
      containers = o.spec.containers;
    } else if (kind === 'Service') selector = { ...(o.spec.selector ?? {}) };
    else fail(`error: cannot expose a ${o.kind}`);
    if (!Object.keys(selector).length) fail(`error: couldn't retrieve selectors via --selector flag or introspection: the ${kind} has no labels`);
    let ports;
    if (args.has('port')) {
      const p = { port: Number(args.get('port')), protocol: args.get('protocol', 'TCP') };
      p.targetPort = args.has('target-port') ? (/^\d+$/.test(args.get('target-port')) ? Number(args.get('target-port')) : args.get('target-port')) : p.port;
      ports = [p];
    } else {
      const cps = kind === 'Service' ? o.spec.ports.map((p) => ({ containerPort: p.port, protocol: p.protocol, name: p.name })) : containers.flatMap((c) => c.ports ?? []);
      if (!cps.length) fail("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples");
      ports = cps.map((c, i) => ({ ...(cps.length > 1 ? { name: c.name ?? `port-${i + 1}` } : {}), port: c.containerPort, protocol: c.protocol ?? 'TCP', targetPort: c.containerPort }));
    }
    svcName = args.get('name') ?? names[0];
    if (M.get(s, 'Service', ctx.ns, svcName)) fail(`Error from server (AlreadyExists): services "${svcName}" already exists`);
    const manifest = { apiVersion: 'v1', kind: 'Service', metadata: { name: svcName, labels: o.metadata.labels ? { ...o.metadata.labels } : undefined }, spec: { ports, selector, type: args.get('type', 'ClusterIP') } };
    if (kind === 'ReplicaSet' && manifest.metadata.labels) delete manifest.metadata.labels['pod-template-hash'];
    createFrom(s, manifest, ctx.ns, now, {});
  });
  io.out(`service/${svcName} exposed\n`);
  return 0;
}

// ---------- run ----------
export async function runPod(ctx) {
  const { args, io } = ctx;
  const name = args.pos[1];
  if (!name) fail("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
  const image = args.get('image');
  if (!image) fail('error: required flag(s) "image" not set');
  const labels = {};
  if (args.has('labels')) for (const kv of args.get('labels').split(',')) labels[kv.split('=')[0]] = kv.split('=').slice(1).join('=');
  else labels.run = name;
  const container = { image, name };
  if (args.dash?.length) container[args.bool('command') ? 'command' : 'args'] = args.dash;
  if (args.has('port')) container.ports = [{ containerPort: Number(args.get('port')) }];
  const env = args.all('env').map((kv) => ({ name: kv.split('=')[0], value: kv.split('=').slice(1).join('=') }));
  if (env.length) container.env = env;
  container.resources = {};
  const manifest = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { creationTimestamp: null, labels, name },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: args.get('restart', 'Always') },
    status: {},
  };
  const dry = dryRun(args);
  if (dry === ' (dry run)') {
    const fmt = outputFormat(args.get('output'));
    if (fmt.kind === 'table') io.out(`pod/${name} created${dry}\n`);
    else io.out(await formatObjects([manifest], fmt, { single: true, prefixOf: () => 'pod' }));
    return 0;
  }
  requireServer(ctx);
  ctx.mutate((s, now) => {
    if (M.get(s, 'Pod', ctx.ns, name)) fail(`Error from server (AlreadyExists): pods "${name}" already exists`);
    const m = JSON.parse(JSON.stringify(manifest));
    delete m.status;
    createFrom(s, m, ctx.ns, now, {});
  });
  if (args.bool('stdin')) {
    // kubectl run -i [-t] [--rm]: attach to the simulated container
    const { attach } = await import('./exec.mjs');
    const code = await attach(ctx, name, args.dash?.length ? args.dash : ['sh']);
    if (args.bool('rm')) {
      ctx.mutate((s) => deleteObject(s, 'Pod', ctx.ns, name));
      io.out(deletedMessage('Pod', name, ctx.ns) + '\n');
    }
    return code;
  }
  io.out(`pod/${name} created\n`);
  return 0;
}

// ---------- scale ----------
export async function scale(ctx) {
  const { args, io } = ctx;
  if (!args.has('replicas')) fail('error: required flag(s) "replicas" not set');
  const n = Number(args.get('replicas'));
  if (!Number.isInteger(n) || n < 0) fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const targets = args.has('filename') ? [] : parseTargets(args.pos.slice(1));
  requireServer(ctx);
  const out = [];
  ctx.mutate((s, now) => {
    for (const t of targets) {
      if (!['Deployment', 'ReplicaSet'].includes(t.kind)) fail(`error: no scaler has been implemented for {"" "${t.kind}"}`);
      const { objs, errors } = select(s, t, { ns: ctx.ns, selector: args.get('selector'), now });
      if (errors.length) fail(errors.join('\n'));
      for (const o of objs) {
        o.spec.replicas = n;
        o.metadata.generation = (o.metadata.generation ?? 1) + 1;
        M.put(s, o);
        out.push(`${ref(o.kind, o.metadata.name)} scaled`);
      }
    }
  });
  io.out(out.map((l) => l + '\n').join(''));
  return 0;
}

// ---------- label ----------
export async function label(ctx) {
  const { args, io } = ctx;
  const words = args.pos.slice(1);
  // `key=value` sets, `key-` removes; everything else names resources
  const changes = words.filter((w) => w.includes('=') || w.endsWith('-'));
  const resWords = words.filter((w) => !changes.includes(w));
  if (!changes.length) fail("error: at least one label update is required\nSee 'kubectl label -h' for help and examples");
  const targets = parseTargets(resWords);
  requireServer(ctx);
  const out = [];
  ctx.mutate((s, now) => {
    for (const t of targets) {
      if (!t.names.length && !args.has('selector') && !args.bool('all')) fail('error: resource(s) were provided, but no name was specified');
      const { objs, errors } = select(s, t, { ns: ctx.ns, selector: args.get('selector'), now });
      if (errors.length) fail(errors.join('\n'));
      for (const o of objs) {
        const labels = { ...(o.metadata.labels ?? {}) };
        for (const c of changes) {
          if (c.endsWith('-') && !c.includes('=')) delete labels[c.slice(0, -1)];
          else {
            const [k, ...v] = c.split('=');
            const val = v.join('=');
            if (Object.hasOwn(labels, k) && labels[k] !== val && !args.bool('overwrite'))
              fail(`error: '${k}' already has a value (${labels[k]}), and --overwrite is false`);
            labels[k] = val;
          }
        }
        const changed = canonical(labels) !== canonical(o.metadata.labels ?? {});
        o.metadata.labels = Object.keys(labels).length ? labels : undefined;
        if (changed) M.put(s, o);
        out.push(`${ref(o.kind, o.metadata.name)} ${changed ? 'labeled' : 'not labeled'}`);
      }
    }
  });
  io.out(out.map((l) => l + '\n').join(''));
  return 0;
}

// ---------- rollout ----------
function oneDeployment(ctx, words) {
  const targets = parseTargets(words);
  if (targets.length !== 1 || targets[0].names.length !== 1) fail('error: required resource not specified');
  if (targets[0].kind !== 'Deployment') fail(`error: no ${targets[0].kind.toLowerCase()} rollout support in the kubectl test double`);
  return targets[0].names[0];
}

export async function rollout(ctx) {
  const { args, io } = ctx;
  const sub = args.pos[1];
  const name = oneDeployment(ctx, args.pos.slice(2));
  requireServer(ctx);
  if (sub === 'status') {
    const deadline = clock.now() + parseDuration(args.get('timeout', '0s'), 0);
    let last = '';
    for (;;) {
      const s = ctx.state();
      const now = ctx.now();
      const d = M.get(s, 'Deployment', ctx.ns, name);
      if (!d) fail(`Error from server (NotFound): deployments.apps "${name}" not found`);
      const st = M.deploymentStatus(s, d, now);
      const want = d.spec.replicas ?? 1;
      const updated = st.updatedReplicas ?? 0;
      const avail = st.availableReplicas ?? 0;
      const total = st.replicas ?? 0;
      let msg = null;
      if (updated < want) msg = `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`;
      else if (total > updated) msg = `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...`;
      else if (avail < updated) msg = `Waiting for deployment "${name}" rollout to finish: ${avail} of ${updated} updated replicas are available...`;
      if (!msg) {
        io.out(`deployment "${name}" successfully rolled out\n`);
        return 0;
      }
      if (msg !== last) io.out(msg + '\n');
      last = msg;
      if (args.has('timeout') && clock.now() > deadline) fail('error: timed out waiting for the condition');
      sleepSync(100);
    }
  }
  if (sub === 'restart') {
    ctx.mutate((s, now) => {
      const d = M.get(s, 'Deployment', ctx.ns, name);
      if (!d) fail(`Error from server (NotFound): deployments.apps "${name}" not found`);
      d.spec.template.metadata.annotations = { ...(d.spec.template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': new Date(now).toISOString().replace(/\.\d+Z$/, 'Z') };
      d.metadata.generation++;
      M.put(s, d);
    });
    io.out(`deployment.apps/${name} restarted\n`);
    return 0;
  }
  if (sub === 'undo') {
    ctx.mutate((s) => {
      const d = M.get(s, 'Deployment', ctx.ns, name);
      if (!d) fail(`Error from server (NotFound): deployments.apps "${name}" not found`);
      const rev = (rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
      const owned = M.list(s, 'ReplicaSet', ctx.ns).filter((rs) => rs.metadata.ownerReferences?.[0]?.uid === d.metadata.uid).sort((a, b) => rev(b) - rev(a));
      const want = args.has('to-revision') ? owned.find((rs) => rev(rs) === Number(args.get('to-revision'))) : owned[1];
      if (!want) fail('error: no rollout history found for deployment "' + name + '"');
      const tmpl = JSON.parse(JSON.stringify(want.spec.template));
      delete tmpl.metadata.labels['pod-template-hash'];
      d.spec.template = tmpl;
      d.metadata.generation++;
      M.put(s, d);
    });
    io.out(`deployment.apps/${name} rolled back\n`);
    return 0;
  }
  if (sub === 'history') {
    const s = ctx.state();
    const d = M.get(s, 'Deployment', ctx.ns, name);
    if (!d) fail(`Error from server (NotFound): deployments.apps "${name}" not found`);
    const revs = M.list(s, 'ReplicaSet', ctx.ns)
      .filter((rs) => rs.metadata.ownerReferences?.[0]?.uid === d.metadata.uid)
      .map((rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0))
      .sort((a, b) => a - b);
    const { table } = await import('./tabwriter.mjs');
    io.out(`deployment.apps/${name} \n` + table([['REVISION', 'CHANGE-CAUSE'], ...revs.map((r) => [String(r), '<none>'])], 0, 2) + '\n');
    return 0;
  }
  fail(`error: the kubectl test double does not support "kubectl rollout ${sub ?? ''}"`);
}

// ---------- set image ----------
export async function set(ctx) {
  const { args, io } = ctx;
  if (args.pos[1] !== 'image') fail(`error: the kubectl test double only supports "kubectl set image"`);
  const words = args.pos.slice(2);
  const pairs = words.filter((w) => w.includes('=')).map((w) => w.split('='));
  const targets = parseTargets(words.filter((w) => !w.includes('=')));
  requireServer(ctx);
  const out = [];
  ctx.mutate((s, now) => {
    for (const t of targets) {
      const { objs, errors } = select(s, t, { ns: ctx.ns, now });
      if (errors.length) fail(errors.join('\n'));
      for (const o of objs) {
        const cs = o.kind === 'Pod' ? o.spec.containers : o.spec.template.spec.containers;
        for (const [c, img] of pairs) {
          const targetsC = c === '*' ? cs : cs.filter((x) => x.name === c);
          if (!targetsC.length) fail(`error: unable to find container named "${c}"`);
          targetsC.forEach((x) => (x.image = img));
        }
        if (o.kind !== 'Pod') o.metadata.generation = (o.metadata.generation ?? 1) + 1;
        M.put(s, o);
        out.push(`${ref(o.kind, o.metadata.name)} image updated`);
      }
    }
  });
  io.out(out.map((l) => l + '\n').join(''));
  return 0;
}
