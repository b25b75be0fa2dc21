// kubectl get (tables, -o formats, --watch, --raw).
import { fail } from './errors.mjs';
import * as M from './model.mjs';
import { requireServer } from './main.mjs';
import { parseTargets, select, endpointsWarning } from './query.mjs';
import { humanTables, outputFormat, formatObjects } from './printers.mjs';
import { findResults, relaxed, goJSON } from './jsonpath.mjs';
import { table } from './tabwriter.mjs';
import { stayAlive } from './longrun.mjs';

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

function raw(ctx) {
  requireServer(ctx);
  const path = ctx.args.get('raw');
  if (['/healthz', '/readyz', '/livez'].includes(path)) ctx.io.out('ok');
  else if (path === '/version') ctx.io.out(JSON.stringify(M.serverVersion(), null, 2) + '\n');
  else fail(`Error from server (NotFound): the server could not find the requested resource`);
  return 0;
}

/** Gather objects for `get`/`describe`-like commands. */
export function gather(ctx, s, words, now) {
  const { args } = ctx;
  const targets = parseTargets(words);
  const allNs = args.bool('all-namespaces');
  const opts = { ns: ctx.ns, allNs, selector: args.get('selector'), fieldSelector: args.get('field-selector'), now };
  const groups = [];
  const errors = [];
  for (const t of targets) {
    const { objs, errors: errs } = select(s, t, opts);
    groups.push({ kind: t.kind, objs });
    errors.push(...errs);
  }
  return { targets, groups, errors };
}

function sortBy(s, groups, expr, now) {
  const tpl = relaxed(expr);
  for (const g of groups) {
    const key = (o) => findResults(tpl, M.view(s, o, now))[0];
    g.objs = g.objs
      .map((o) => [key(o), o])
      .sort(([a], [b]) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a ?? '') < String(b ?? '') ? -1 : String(a ?? '') > String(b ?? '') ? 1 : 0))
      .map(([, o]) => o);
  }
}

export async function get(ctx) {
  const { args, io } = ctx;
  if (args.has('raw')) return raw(ctx);
  const words = args.pos.slice(1);
  if (!words.length) fail(NO_TYPE);
  const fmt = outputFormat(args.get('output'));
  requireServer(ctx);
  const s = ctx.state();
  const now = ctx.now();
  const { targets, groups, errors } = gather(ctx, s, words, now);
  if (args.has('sort-by')) sortBy(s, groups, args.get('sort-by'), now);
  if (groups.some((g) => g.kind === 'Endpoints')) io.err(endpointsWarning());
  const allNs = args.bool('all-namespaces');
  const withKind = targets.length > 1 || targets.some((t) => t.all) || args.bool('show-kind');
  const items = groups.flatMap((g) => g.objs);
  const tableOpts = {
    wide: fmt.wide,
    withKind,
    allNamespaces: allNs,
    showLabels: args.bool('show-labels'),
    labelColumns: args.all('label-columns').flatMap((l) => l.split(',')),
    noHeaders: args.bool('no-headers'),
  };
  const noneFound = () => io.err(allNs ? 'No resources found\n' : `No resources found in ${ctx.ns} namespace.\n`);

  if (args.bool('watch') || args.bool('watch-only')) return watch(ctx, { words, fmt, tableOpts, groups, errors, noneFound });

  if (fmt.kind === 'table') {
    io.out(humanTables(s, groups, tableOpts, now));
    if (!items.length && !errors.length) noneFound();
  } else {
    const single = targets.length === 1 && targets[0].names?.length === 1 && !words.some((w) => w === 'all');
    const views = items.map((o) => M.view(s, o, now));
    // not a human-readable printer: kubectl says nothing when the list is empty
    if (fmt.kind === 'custom-columns' || fmt.kind === 'custom-columns-file')
      io.out(await formatObjects(views, { ...fmt, noHeaders: args.bool('no-headers') }));
    else io.out(await formatObjects(views, fmt, { single: single && !errors.length, prefixOf: (o) => M.kindPrefix(o.kind) }));
  }
  if (errors.length) fail(errors.join('\n'));
  return 0;
}

async function watch(ctx, { words, fmt, tableOpts, groups, errors, noneFound }) {
  const { io } = ctx;
  if (errors.length) fail(errors.join('\n'));
  if (groups.length > 1) fail('error: you may only specify a single resource type');
  const kind = groups[0].kind;
  const opts = { ...tableOpts, withKind: false };
  // a row's identity: everything but AGE
  const sig = (s, o, now) => {
    const t = humanTables(s, [{ kind, objs: [o] }], { ...opts, noHeaders: true }, now);
    return t.replace(/\S+(\s*)$/, '');
  };
  const printRows = (s, objs, now, header) => {
    if (fmt.kind === 'name') io.out(objs.map((o) => `${M.kindPrefix(kind)}/${o.metadata.name}\n`).join(''));
    else if (fmt.kind === 'table') io.out(humanTables(s, [{ kind, objs }], { ...opts, noHeaders: !header || opts.noHeaders }, now));
    else for (const o of objs) io.out(goJSON(M.view(s, o, now), 4) + '\n');
  };
  let s = ctx.state();
  let now = ctx.now();
  const seen = new Map();
  let headerDone = false;
  const initial = groups[0].objs;
  if (!ctx.args.bool('watch-only') && initial.length) {
    printRows(s, initial, now, true);
    headerDone = true;
  }
  for (const o of initial) seen.set(o.metadata.uid ?? o.metadata.name, { o, sig: sig(s, o, now) });
  return stayAlive(() => {
    s = ctx.state();
    now = ctx.now();
    const { groups: g } = gather(ctx, s, words, now);
    const current = new Map(g[0].objs.map((o) => [o.metadata.uid ?? o.metadata.name, o]));
    const changed = [];
    for (const [id, o] of current) {
      const sg = sig(s, o, now);
      if (!seen.has(id) || seen.get(id).sig !== sg) changed.push(o);
      seen.set(id, { o, sig: sg });
    }
    for (const [id, { o }] of seen) {
      if (current.has(id)) continue;
      seen.delete(id);
      if (kind === 'Pod' && fmt.kind === 'table' && !opts.wide) {
        const n = o.spec.containers.length;
        io.out(table([[o.metadata.name, `${n}/${n}`, 'Terminating', '0', humanTables.age(o, now)]]));
      }
    }
    if (changed.length) {
      printRows(s, changed, now, !headerDone);
      headerDone = true;
    }
  }, 250);
}
