// Verbs that create or remove objects: apply, create, delete.
import { fail } from './errors.mjs';
import * as M from './model.mjs';
import { requireServer } from './main.mjs';
import { loadManifests } from './manifests.mjs';
import { validateDoc, createFrom, updateFrom, deleteObject, deletedMessage, canonical, LAST_APPLIED } from './resources.mjs';
import { parseTargets, select } from './query.mjs';
import { outputFormat, formatObjects } from './printers.mjs';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

export const ref = (kind, name) => `${M.kindPrefix(kind)}/${name}`;

export function dryRun(args) {
  const d = args.get('dry-run');
  if (d === undefined || d === 'none' || d === 'false') return null;
  if (d === 'server') return ' (server dry run)';
  if (d === 'client' || d === 'true' || d === 'unchanged') return ' (dry run)';
  fail(`error: Invalid dry-run value (${d}). Must be "none", "server", or "client".`);
}

/** Resolve each document's namespace like kubectl (explicit -n must agree with the manifest). */
export function docNamespace(ctx, obj) {
  const kind = obj.kind;
  if (!M.KINDS[kind]?.ns) return '';
  const own = obj.metadata?.namespace;
  if (own && ctx.kc.explicitNamespace && own !== ctx.ns)
    fail(`error: the namespace from the provided object "${own}" does not match the namespace "${ctx.ns}". You must pass '--namespace=${own}' to perform this operation.`);
  return own || ctx.ns;
}

async function printResults(ctx, results, fmtStr, s, now) {
  const fmt = outputFormat(fmtStr);
  if (fmt.kind === 'table') return false;
  const objs = results.map((r) => M.view(s, r.obj, now));
  ctx.io.out(await formatObjects(objs, fmt, { single: objs.length === 1, prefixOf: (o) => M.kindPrefix(o.kind) }));
  return true;
}

/**
 * Validate every document first: schema errors stop everything, an unknown kind only
 * skips that document (its error is reported after the others were processed).
 */
function checkDocs(docs) {
  const skipped = [];
  const ok = [];
  for (const d of docs) {
    try {
      validateDoc(d.obj, d.file);
      ok.push(d);
    } catch (e) {
      if (!e.isKube || !e.message.startsWith('error: resource mapping not found')) throw e;
      skipped.push(e.message);
    }
  }
  return { ok, skipped };
}

export async function apply(ctx) {
  const { args, io } = ctx;
  const sub = args.pos[1];
  if (sub) fail(`error: the kubectl test double does not support "kubectl apply ${sub}"`);
  const { ok: docs, skipped } = checkDocs(await loadManifests(args, 'apply'));
  requireServer(ctx);
  for (const d of docs) d.ns = docNamespace(ctx, d.obj);
  const dry = dryRun(args);
  const errors = [];
  const results = [];
  const run = (s, now) => {
    for (const d of docs) {
      const { obj, ns, file } = d;
      const kind = obj.kind;
      const name = obj.metadata.name;
      const manifest = JSON.parse(JSON.stringify(obj));
      if (M.KINDS[kind].ns) manifest.metadata.namespace = ns;
      const lastApplied = canonical(manifest) + '\n';
      try {
        const live = M.get(s, kind, ns, name);
        if (!live) {
          if (M.KINDS[kind].ns && !M.get(s, 'Namespace', '', ns)) {
            errors.push(`Error from server (NotFound): error when creating "${file}": namespaces "${ns}" not found`);
            continue;
          }
          const o = createFrom(s, manifest, ns, now, { lastApplied });
          results.push({ obj: o, verb: 'created' });
          continue;
        }
        const prevText = live.metadata.annotations?.[LAST_APPLIED];
        if (!prevText)
          io.err(`Warning: resource ${M.resourceName(kind)}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
        const prev = prevText ? JSON.parse(prevText) : null;
        let changed = updateFrom(s, live, manifest, now, { lastApplied, prev });
        if (prevText === lastApplied && !changed) results.push({ obj: live, verb: 'unchanged' });
        else results.push({ obj: live, verb: 'configured' });
      } catch (e) {
        if (!e.isKube) throw e;
        errors.push(e.message);
      }
    }
  };
  let s;
  const now = ctx.now();
  if (dry) {
    s = ctx.state();
    run(s, now);
    M.reconcile(s, now);
  } else
    ctx.mutate((st, t) => {
      run(st, t);
      s = st;
    });
  if (!(await printResults(ctx, results, args.get('output'), s, now)))
    for (const r of results) io.out(`${ref(r.obj.kind, r.obj.metadata.name)} ${r.verb}${dry ?? ''}\n`);
  errors.push(...skipped);
  if (errors.length) fail(errors.join('\n'));
  return 0;
}


// ---------- create ----------
function imageName(image) {
  return basename(String(image).split('@')[0]).split(':')[0];
}

function parseLiterals(args) {
  const data = {};
  for (const l of args.all('from-literal')) {
    const i = l.indexOf('=');
    if (i <= 0) fail(`error: invalid literal source ${l}, expected key=value`);
    data[l.slice(0, i)] = l.slice(i + 1);
  }
  for (const f of args.all('from-file')) {
    const i = f.indexOf('=');
    const [key, path] = i > 0 ? [f.slice(0, i), f.slice(i + 1)] : [basename(f), f];
    try {
      data[key] = readFileSync(path, 'utf8');
    } catch {
      fail(`error: error reading ${path}: no such file or directory`);
    }
  }
  for (const f of args.all('from-env-file')) {
    let text;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      fail(`error: error reading ${f}: no such file or directory`);
    }
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (!t || t.startsWith('#')) continue;
      const i = t.indexOf('=');
      data[t.slice(0, i)] = t.slice(i + 1);
    }
  }
  return data;
}

/** The object `kubectl create <generator> --dry-run=client -o yaml` would print. */
function generated(kind, name, ns, body, explicitNs) {
  const metadata = { creationTimestamp: null, name };
  if (explicitNs) metadata.namespace = ns;
  return { apiVersion: M.apiVersionOf(kind), kind, metadata, ...body };
}

export async function create(ctx) {
  const { args, io } = ctx;
  const [, sub, name] = args.pos;
  if (!sub) {
    if (!args.has('filename')) fail("error: must specify one of -f and -k");
    const { ok: docs, skipped } = checkDocs(await loadManifests(args, 'create'));
    requireServer(ctx);
    for (const d of docs) d.ns = docNamespace(ctx, d.obj);
    const errors = [...skipped];
    const results = [];
    ctx.mutate((s, now) => {
      for (const { obj, ns, file } of docs) {
        const manifest = JSON.parse(JSON.stringify(obj));
        if (M.KINDS[obj.kind].ns) manifest.metadata.namespace = ns;
        if (M.get(s, obj.kind, ns, obj.metadata.name)) {
          errors.push(`Error from server (AlreadyExists): error when creating "${file}": ${M.resourceName(obj.kind)} "${obj.metadata.name}" already exists`);
          continue;
        }
        if (M.KINDS[obj.kind].ns && !M.get(s, 'Namespace', '', ns)) {
          errors.push(`Error from server (NotFound): error when creating "${file}": namespaces "${ns}" not found`);
          continue;
        }
        try {
          const o = createFrom(s, manifest, ns, now, { lastApplied: args.bool('save-config') ? canonical(manifest) + '\n' : undefined });
          results.push(o);
        } catch (e) {
          if (!e.isKube) throw e;
          errors.push(e.message);
        }
      }
    });
    for (const o of results) io.out(`${ref(o.kind, o.metadata.name)} created\n`);
    if (errors.length) fail(errors.join('\n'));
    return 0;
  }
  let kind;
  let body;
  const ns = ctx.ns;
  const secretType = sub === 'secret' ? args.pos[2] : null;
  const objName = sub === 'secret' ? args.pos[3] : name;
  switch (sub) {
    case 'namespace':
    case 'ns':
      kind = 'Namespace';
      body = { spec: {}, status: {} };
      break;
    case 'deployment':
    case 'deploy': {
      kind = 'Deployment';
      const images = args.all('image');
      if (!images.length) fail('error: required flag(s) "image" not set');
      const replicas = Number(args.get('replicas', '1'));
      const containers = images.map((img) => {
        const c = { image: img, name: imageName(img) };
        if (args.has('port')) c.ports = [{ containerPort: Number(args.get('port')) }];
        c.resources = {};
        return c;
      });
      if (args.dash?.length) containers[0].command = args.dash;
      body = {
        spec: {
          replicas,
          selector: { matchLabels: { app: objName } },
          strategy: {},
          template: { metadata: { creationTimestamp: null, labels: { app: objName } }, spec: { containers } },
        },
        status: {},
      };
      break;
    }
    case 'configmap':
    case 'cm':
      kind = 'ConfigMap';
      body = { data: parseLiterals(args) };
      if (!Object.keys(body.data).length) delete body.data;
      break;
    case 'secret': {
      if (secretType !== 'generic') fail(`error: the kubectl test double only supports "kubectl create secret generic"`);
      kind = 'Secret';
      const data = Object.fromEntries(Object.entries(parseLiterals(args)).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
      body = Object.keys(data).length ? { data } : {};
      if (args.has('type')) body.type = args.get('type');
      break;
    }
    default:
      fail(`error: the kubectl test double does not support "kubectl create ${sub}"`);
  }
  if (!objName) fail(`error: exactly one NAME is required, got 0\nSee 'kubectl create ${sub} -h' for help and examples`);
  if (kind === 'Namespace' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(objName))
    fail(`The Namespace "${objName}" is invalid: metadata.name: Invalid value: "${objName}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`);
  const manifest = generated(kind, objName, ns, body, ctx.kc.explicitNamespace && M.KINDS[kind].ns);
  if (kind === 'Deployment') manifest.metadata.labels = { app: objName };
  const dry = dryRun(args);
  if (dry === ' (dry run)') {
    const fmt = outputFormat(args.get('output'));
    if (fmt.kind === 'table') io.out(`${ref(kind, objName)} created${dry}\n`);
    else io.out(await formatObjects([manifest], fmt, { single: true, prefixOf: (o) => M.kindPrefix(o.kind) }));
    return 0;
  }
  requireServer(ctx);
  let created;
  ctx.mutate((s, now) => {
    const nsName = M.KINDS[kind].ns ? ns : '';
    if (M.get(s, kind, nsName, objName)) fail(`Error from server (AlreadyExists): ${M.resourceName(kind)} "${objName}" already exists`);
    const m = JSON.parse(JSON.stringify(manifest));
    created = createFrom(s, m, nsName, now, {});
  });
  const fmt = outputFormat(args.get('output'));
  if (fmt.kind !== 'table') {
    const s = ctx.state();
    io.out(await formatObjects([M.view(s, M.get(s, kind, M.KINDS[kind].ns ? ns : '', objName), ctx.now())], fmt, { single: true, prefixOf: (o) => M.kindPrefix(o.kind) }));
  } else io.out(`${ref(kind, created.metadata.name)} created${dry ?? ''}\n`);
  return 0;
}

// ---------- delete ----------
export async function del(ctx) {
  const { args, io } = ctx;
  const force = args.bool('force') && args.get('grace-period') === '0';
  const msgs = [];
  const errors = [];
  const ignore = args.bool('ignore-not-found');
  if (args.has('filename')) {
    const { ok: docs, skipped } = checkDocs(await loadManifests(args, 'delete'));
    errors.push(...skipped);
    requireServer(ctx);
    for (const d of docs) d.ns = docNamespace(ctx, d.obj);
    ctx.mutate((s) => {
      for (const { obj, ns, file } of docs) {
        if (!M.get(s, obj.kind, ns, obj.metadata.name)) {
          if (!ignore) errors.push(`Error from server (NotFound): error when deleting "${file}": ${M.resourceName(obj.kind)} "${obj.metadata.name}" not found`);
          continue;
        }
        try {
          deleteObject(s, obj.kind, ns, obj.metadata.name);
          msgs.push(deletedMessage(obj.kind, obj.metadata.name, ns, force));
        } catch (e) {
          if (!e.isKube) throw e;
          errors.push(e.message);
        }
      }
    });
  } else {
    const words = args.pos.slice(1);
    if (!words.length)
      fail(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
    const targets = parseTargets(words);
    const selector = args.get('selector');
    const all = args.bool('all');
    if (targets.some((t) => !t.names.length) && !selector && !all && !args.has('field-selector'))
      fail('error: resource(s) were provided, but no name was specified');
    for (const t of targets) if (t.kind === 'Endpoints' || t.kind === 'Node') fail(`error: the kubectl test double cannot delete ${M.resourceName(t.kind)}`);
    requireServer(ctx);
    let found = 0;
    ctx.mutate((s, now) => {
      const opts = { ns: ctx.ns, allNs: args.bool('all-namespaces'), selector, fieldSelector: args.get('field-selector'), now };
      const victims = [];
      for (const t of targets) {
        const { objs, errors: errs } = select(s, t, opts);
        if (!ignore) errors.push(...errs);
        victims.push(...objs);
      }
      found = victims.length;
      for (const o of victims) {
        try {
          deleteObject(s, o.kind, o.metadata.namespace ?? '', o.metadata.name);
          msgs.push(deletedMessage(o.kind, o.metadata.name, o.metadata.namespace, force));
        } catch (e) {
          if (!e.isKube) throw e;
          errors.push(e.message);
        }
      }
    });
    if (!found && !errors.length && !targets.some((t) => t.names.length)) {
      io.out('No resources found\n');
      return 0;
    }
  }
  if (force && msgs.length)
    io.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  io.out(msgs.map((m) => m + '\n').join(''));
  if (errors.length) fail(errors.join('\n'));
  return 0;
}
