// kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath), allowMissingKeys on.
import { fail } from './errors.mjs';

class JPError extends Error {}

// ---------- parsing ----------
export function parseTemplate(tpl) {
  const nodes = []; // {t:'text', v} | {t:'list', path} | {t:'range', path} | {t:'end'}
  let i = 0;
  let text = '';
  while (i < tpl.length) {
    if (tpl[i] === '{') {
      if (text) nodes.push({ t: 'text', v: text });
      text = '';
      // find the matching close brace, honouring quotes
      let j = i + 1;
      let q = null;
      for (; j < tpl.length; j++) {
        const c = tpl[j];
        if (q) {
          if (c === '\\') j++;
          else if (c === q) q = null;
        } else if (c === '"' || c === "'") q = c;
        else if (c === '}') break;
      }
      if (j >= tpl.length) throw new JPError(`error parsing jsonpath ${tpl}, unclosed action`);
      nodes.push(parseAction(tpl.slice(i + 1, j).trim(), tpl));
      i = j + 1;
    } else {
      text += tpl[i++];
    }
  }
  if (text) nodes.push({ t: 'text', v: text });
  return nest(nodes, tpl);
}

function nest(nodes, tpl) {
  const root = [];
  const stack = [root];
  for (const n of nodes) {
    if (n.t === 'range') {
      const r = { ...n, body: [] };
      stack[stack.length - 1].push(r);
      stack.push(r.body);
    } else if (n.t === 'end') {
      if (stack.length === 1) throw new JPError(`error parsing jsonpath ${tpl}, not in range, nothing to end`);
      stack.pop();
    } else stack[stack.length - 1].push(n);
  }
  if (stack.length > 1) throw new JPError(`error parsing jsonpath ${tpl}, range without end`); // kubectl is lenient; be clear
  return root;
}

const ESC = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v', 0: '\0' };
const unquote = (s) =>
  s.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e) =>
    e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : ESC[e] ?? e,
  );

function parseAction(a, tpl) {
  if (a === 'end') return { t: 'end' };
  if (a.startsWith('range ') || a === 'range') return { t: 'range', path: parsePath(a.slice(5).trim(), tpl) };
  if (/^"(?:[^"\\]|\\.)*"$/s.test(a)) return { t: 'text', v: unquote(a.slice(1, -1)) };
  if (/^'[^']*'$/.test(a)) return { t: 'text', v: a.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(a)) return { t: 'text', v: a };
  return { t: 'list', path: parsePath(a, tpl) };
}

/** A path such as `.items[0].status.podIP`, `..name`, `.items[?(@.a=="b")].c` → steps. */
function parsePath(p, tpl) {
  const steps = [];
  let i = 0;
  if (p.startsWith('$')) i = 1;
  else if (p.startsWith('@')) i = 1;
  while (i < p.length) {
    const c = p[i];
    if (c === '.') {
      if (p[i + 1] === '.') {
        i += 2;
        const m = /^[\w-]+|^\*/.exec(p.slice(i));
        if (!m) throw new JPError(`error parsing jsonpath ${tpl}, invalid recursive descent`);
        steps.push({ k: 'recursive', name: m[0] });
        i += m[0].length;
        continue;
      }
      i++;
      // `\.` escapes a dot inside a key (`{.data.config\.json}`), as client-go's parseField does.
      const m = /^(?:\\.|[^.[\s\\])+/.exec(p.slice(i));
      if (!m) continue; // `{.}` is the current object
      const name = m[0];
      steps.push(name === '*' ? { k: 'all' } : { k: 'field', name: name.replace(/\\\./g, '.') });
      i += name.length;
    } else if (c === '[') {
      // find the matching bracket
      let depth = 0;
      let j = i;
      let q = null;
      for (; j < p.length; j++) {
        const ch = p[j];
        if (q) {
          if (ch === q) q = null;
          continue;
        }
        if (ch === '"' || ch === "'") q = ch;
        else if (ch === '[' || ch === '(') depth++;
        else if (ch === ']' || ch === ')') {
          depth--;
          if (depth === 0 && ch === ']') break;
        }
      }
      if (j >= p.length) throw new JPError(`error parsing jsonpath ${tpl}, unterminated array`);
      steps.push(parseBracket(p.slice(i + 1, j).trim(), tpl));
      i = j + 1;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      const m = /^[\w-]+/.exec(p.slice(i)) ?? [c];
      steps.push({ k: 'ident', name: m[0] }); // an execution error, like client-go
      i += m[0].length;
    }
  }
  return steps;
}

function parseBracket(b, tpl) {
  if (b === '*') return { k: 'all' };
  if (b.startsWith('?(') && b.endsWith(')')) return { k: 'filter', expr: parseFilter(b.slice(2, -1).trim(), tpl) };
  if (/^['"]/.test(b)) {
    const names = b.split(',').map((x) => x.trim().replace(/^['"]|['"]$/g, ''));
    return { k: 'keys', names };
  }
  if (b.includes(',')) return { k: 'union', idx: b.split(',').map((x) => Number(x.trim())) };
  const m = /^(-?\d*)\s*(?::\s*(-?\d*))?\s*(?::\s*(-?\d*))?$/.exec(b);
  if (!m) throw new JPError(`error parsing jsonpath ${tpl}, invalid array index ${b}`);
  if (b.includes(':')) return { k: 'slice', start: m[1] === '' ? null : Number(m[1]), end: m[2] === '' || m[2] === undefined ? null : Number(m[2]), step: m[3] ? Number(m[3]) : 1 };
  return { k: 'index', i: Number(m[1]) };
}

function parseFilter(e, tpl) {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>|=~)\s*(.*)$/.exec(e);
  const operand = (x) => {
    x = x.trim();
    if (x.startsWith('@') || x.startsWith('$')) return { path: parsePath(x, tpl) };
    if (/^["']/.test(x)) return { lit: x.slice(1, -1) };
    if (/^-?\d+(\.\d+)?$/.test(x)) return { lit: Number(x) };
    if (x === 'true' || x === 'false') return { lit: x === 'true' };
    return { lit: x };
  };
  if (!m) return { op: 'exists', left: operand(e) };
  return { op: m[2], left: operand(m[1]), right: operand(m[3]) };
}

// ---------- evaluation ----------
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function step(values, s, root) {
  const out = [];
  for (const v of values) {
    switch (s.k) {
      case 'ident':
        throw new JPError(`unrecognized identifier ${s.name}`);
      case 'field':
        if (isObj(v) && Object.hasOwn(v, s.name)) out.push(v[s.name]);
        break;
      case 'keys':
        if (isObj(v)) for (const n of s.names) if (Object.hasOwn(v, n)) out.push(v[n]);
        break;
      case 'all':
        if (Array.isArray(v)) out.push(...v);
        else if (isObj(v)) for (const key of Object.keys(v).sort()) out.push(v[key]);
        break;
      case 'recursive': {
        const walk = (x) => {
          if (Array.isArray(x)) x.forEach(walk);
          else if (isObj(x)) {
            for (const key of Object.keys(x).sort()) {
              if (s.name === '*' || key === s.name) out.push(x[key]);
              walk(x[key]);
            }
          }
        };
        walk(v);
        break;
      }
      case 'index':
      case 'slice':
      case 'union': {
        if (!Array.isArray(v)) {
          if (v === undefined || v === null) break;
          throw new JPError(`${JSON.stringify(v)} is not array or slice`);
        }
        const len = v.length;
        if (s.k === 'union') {
          for (const i of s.idx) {
            const ii = i < 0 ? i + len : i;
            if (ii < 0 || ii >= len) throw new JPError(`array index out of bounds: index ${ii}, length ${len}`);
            out.push(v[ii]);
          }
          break;
        }
        let start;
        let end;
        if (s.k === 'index') {
          start = s.i < 0 ? s.i + len : s.i;
          end = s.i < 0 ? s.i + 1 + len : s.i + 1;
          if (s.i === -1) end = len;
        } else {
          start = s.start === null ? 0 : s.start < 0 ? s.start + len : s.start;
          end = s.end === null ? len : s.end < 0 ? s.end + len : s.end;
        }
        if (end !== start) {
          if (start >= len || start < 0) throw new JPError(`array index out of bounds: index ${start}, length ${len}`);
          if (end > len || end < 0) throw new JPError(`array index out of bounds: index ${end - 1}, length ${len}`);
          for (let i = start; i < end; i += s.step ?? 1) out.push(v[i]);
        }
        break;
      }
      case 'filter': {
        const items = Array.isArray(v) ? v : isObj(v) ? Object.keys(v).sort().map((key) => v[key]) : [];
        for (const item of items) if (test(s.expr, item, root)) out.push(item);
        break;
      }
    }
  }
  return out;
}

function operandValues(o, cur, root) {
  if ('lit' in o) return [o.lit];
  return evalPath(o.path, [cur], root);
}

function test(f, item, root) {
  const left = operandValues(f.left, item, root);
  if (f.op === 'exists') return left.length > 0 && left[0] !== false && left[0] !== null;
  const right = operandValues(f.right, item, root);
  if (!left.length || !right.length) return false;
  const a = left[0];
  const b = right[0];
  switch (f.op) {
    case '==':
      return a === b || String(a) === String(b);
    case '!=':
      return !(a === b || String(a) === String(b));
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    case '=~':
      return new RegExp(String(b)).test(String(a));
  }
  return false;
}

function evalPath(steps, values, root) {
  let cur = values;
  for (const s of steps) cur = step(cur, s, root);
  return cur;
}

/** Go's json.Marshal: compact, with <, > and & escaped. */
export function goJSON(v, indent) {
  const s = indent ? JSON.stringify(v, null, indent) : JSON.stringify(v);
  return s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function text(v) {
  if (v === null) return 'null';
  if (typeof v === 'object') return goJSON(v);
  return String(v);
}

function run(nodes, cur, root, out) {
  for (const n of nodes) {
    if (n.t === 'text') out.push(n.v);
    else if (n.t === 'list') {
      const res = evalPath(n.path, [cur], root);
      out.push(res.map(text).join(' '));
    } else if (n.t === 'range') {
      for (const item of evalPath(n.path, [cur], root)) run(n.body, item, root, out);
    }
  }
}

/** Go's %#v of decoded JSON, as kubectl prints it in jsonpath errors. */
export function goSyntax(v) {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (typeof v === 'object')
    return `map[string]interface {}{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goSyntax(v[k])}`)
      .join(', ')}}`;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/** The parsed template, or kubectl's error for a template that does not parse. */
function parseOrFail(tpl) {
  try {
    return parseTemplate(tpl);
  } catch (e) {
    if (e instanceof JPError) fail(`error: ${e.message}`);
    throw e;
  }
}

/** Execute a template against an object the way `kubectl -o jsonpath=` does (throws a KubeError). */
export function executeJsonpath(tpl, obj) {
  const nodes = parseOrFail(tpl);
  const out = [];
  try {
    run(nodes, obj, obj, out);
  } catch (e) {
    if (!(e instanceof JPError)) throw e;
    fail(
      `error: error executing jsonpath ${JSON.stringify(tpl)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${tpl}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(obj)}\n\n\n`,
    );
  }
  return out.join('');
}

/** Raw results (for custom-columns and jsonpath-as-json). */
export function findResults(tpl, obj) {
  const nodes = parseOrFail(tpl);
  const results = [];
  try {
    for (const n of nodes) {
      if (n.t === 'list') results.push(...evalPath(n.path, [obj], obj));
      else if (n.t === 'text') results.push(n.v);
    }
  } catch (e) {
    if (!(e instanceof JPError)) throw e;
    fail(`error: ${e.message}`);
  }
  return results;
}

/** printers.RelaxedJSONPathExpression: `.a.b` or `a.b` → `{.a.b}`. */
export function relaxed(expr) {
  const e = expr.trim();
  if (e.startsWith('{') && e.endsWith('}')) return e;
  if (e.startsWith('{') || e.endsWith('}')) fail(`error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`);
  return `{${e.startsWith('.') ? e : '.' + e}}`;
}

/** Go's %v of a decoded JSON value (custom-columns cells). */
export function goValue(v) {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object')
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goValue(v[k])}`)
      .join(' ')}]`;
  return String(v);
}
