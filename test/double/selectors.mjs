// Label selectors.
import { fail } from './errors.mjs';

// ---------- selectors ----------
/** Parse a label selector (`a=b,c!=d,e in (x,y),!f,g`). */
export function parseSelector(str) {
  const reqs = [];
  const parts = [];
  let depth = 0;
  let cur = '';
  for (const ch of String(str)) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  for (let p of parts) {
    p = p.trim();
    if (!p) continue;
    let m;
    if ((m = p.match(/^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/))) reqs.push({ key: m[1], op: m[2] === '!=' ? '!=' : '=', values: [m[3]] });
    else if ((m = p.match(/^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/)))
      reqs.push({ key: m[1], op: m[2], values: m[3].split(',').map((v) => v.trim()) });
    else if ((m = p.match(/^!\s*([\w./-]+)$/))) reqs.push({ key: m[1], op: '!' });
    else if ((m = p.match(/^([\w./-]+)$/))) reqs.push({ key: m[1], op: 'exists' });
    else fail(`error: unable to parse requirement: found '${p}', expected: '=', '!=', '==', 'in', notin'`);
  }
  return reqs;
}

export function matches(labels, reqs) {
  labels ??= {};
  return reqs.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    switch (r.op) {
      case '=':
        return has && labels[r.key] === r.values[0];
      case '!=':
        return !has || labels[r.key] !== r.values[0];
      case 'in':
        return has && r.values.includes(labels[r.key]);
      case 'notin':
        return !has || !r.values.includes(labels[r.key]);
      case '!':
        return !has;
      default:
        return has;
    }
  });
}

/** A LabelSelector object (matchLabels/matchExpressions) as requirements. */
export function selectorReqs(sel) {
  const reqs = Object.entries(sel?.matchLabels ?? {}).map(([key, v]) => ({ key, op: '=', values: [String(v)] }));
  for (const e of sel?.matchExpressions ?? []) {
    const op = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' }[e.operator];
    reqs.push({ key: e.key, op, values: (e.values ?? []).map(String) });
  }
  return reqs;
}

export const selectorString = (labels) =>
  Object.keys(labels ?? {})
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(',');

