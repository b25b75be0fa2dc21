// Reading -f arguments: files, directories (-R), stdin; multi-document YAML or JSON.
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from './errors.mjs';
import { yaml } from './kubeconfig.mjs';

function expand(path, recursive, top = true) {
  let st;
  try {
    st = statSync(path);
  } catch {
    fail(`error: the path "${path}" does not exist`);
  }
  if (!st.isDirectory()) return [path];
  const out = [];
  for (const e of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(path, e.name);
    if (e.isDirectory()) {
      if (recursive) out.push(...expand(p, recursive, false));
    } else if (/\.(ya?ml|json)$/.test(e.name)) out.push(p);
  }
  if (top && !out.length) fail(`error: error reading [${path}]: recognized file extensions are [.json .yaml .yml]`);
  return out;
}

/** Resolve every -f first (missing paths fail before anything happens), then parse. */
export async function loadManifests(args, verb = 'apply') {
  const names = args.all('filename');
  if (args.has('kustomize')) fail('error: the kubectl test double does not support -k (kustomize)');
  if (!names.length) fail("error: must specify one of -f and -k");
  const sources = [];
  for (const n of names) {
    if (/^https?:\/\//.test(n)) fail(`error: unable to read URL "${n}": the kubectl test double never uses the network`);
    if (n === '-') sources.push({ file: 'STDIN', text: readFileSync(0, 'utf8') });
    else for (const f of expand(n, args.bool('recursive'))) sources.push({ file: f });
  }
  const Y = await yaml();
  const docs = [];
  for (const src of sources) {
    const text = src.text ?? readFileSync(src.file, 'utf8');
    let parsed;
    try {
      parsed = Y.parseAllDocuments(text);
    } catch (e) {
      fail(`error: error parsing ${src.file}: ${e.message}`);
    }
    for (const d of Array.isArray(parsed) ? parsed : [parsed]) {
      if (d.errors?.length) {
        const e = d.errors[0];
        const line = e.linePos?.[0]?.line ?? '?';
        fail(`error: error parsing ${src.file}: error converting YAML to JSON: yaml: line ${line}: ${e.message.split('\n')[0]}`);
      }
      const obj = d.toJS();
      if (obj === null || obj === undefined) continue;
      if (typeof obj !== 'object' || Array.isArray(obj)) fail(`error: error parsing ${src.file}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(obj) ? 'array' : 'string'} into Go value of type map[string]interface {}`);
      if (obj.kind === 'List' && Array.isArray(obj.items)) for (const it of obj.items) docs.push({ file: src.file, obj: it });
      else docs.push({ file: src.file, obj });
    }
  }
  if (!docs.length) fail(`error: no objects passed to ${verb}`);
  return docs;
}
