import type { Ordering } from '../model.js';
import { WILDCARD, type ComparableLine } from './comparable-lines.js';

// How lines match depends on how the command orders them (the command model's
// `ordering`): `table` rows compare as a multiset under a fixed header, `unordered`
// lines as a multiset, `ordered` lines in order with `...` standing for any lines.
export type { Ordering };

export function linesMatch(documented: ComparableLine[], actual: ComparableLine[], ordering: Ordering): boolean {
  const want = documented.map((line) => line.key);
  const got = actual.map((line) => line.key);
  if (ordering === 'unordered') return sameMultiset(want, got);
  if (ordering === 'table') return tablesMatch(want, got);
  return globMatch(want, got);
}

/** `...` in the documented lines matches any number of actual lines. */
export function globMatch(want: string[], got: string[]): boolean {
  if (!want.includes(WILDCARD)) return want.length === got.length && want.every((key, i) => key === got[i]);
  const parts = split(want, (key) => key === WILDCARD);
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!startsWith(got, first, 0)) return false;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = indexOf(got, part, at);
    if (found === -1) return false;
    at = found + part.length;
  }
  return got.length - last.length >= at && startsWith(got, last, got.length - last.length);
}

function tablesMatch(want: string[], got: string[]): boolean {
  const wantTables = split(want, (key) => key === '');
  const gotTables = split(got, (key) => key === '');
  if (wantTables.length !== gotTables.length) return false;
  return wantTables.every((table, i) => tableMatches(table, gotTables[i]));
}

function tableMatches(want: string[], got: string[]): boolean {
  if (want.length > 0 && looksLikeHeader(want[0])) {
    if (got[0] !== want[0]) return false;
    return sameMultiset(want.slice(1), got.slice(1));
  }
  return sameMultiset(want, got);
}

export const looksLikeHeader = (key: string): boolean => /^[A-Z][A-Z0-9()/:-]*( [A-Z][A-Z0-9()/:-]*)*$/.test(key);

/** Equal as multisets; with `...` among the documented lines, contained in the actual ones. */
function sameMultiset(want: string[], got: string[]): boolean {
  const open = want.includes(WILDCARD);
  const counts = new Map<string, number>();
  for (const key of got) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const key of want) {
    if (key === WILDCARD) continue;
    const left = counts.get(key) ?? 0;
    if (left === 0) return false;
    counts.set(key, left - 1);
  }
  return open || [...counts.values()].every((left) => left === 0);
}

function split(keys: string[], isSeparator: (key: string) => boolean): string[][] {
  const parts: string[][] = [[]];
  for (const key of keys) {
    if (isSeparator(key)) parts.push([]);
    else parts[parts.length - 1].push(key);
  }
  return parts;
}

function startsWith(keys: string[], part: string[], at: number): boolean {
  return part.every((key, i) => keys[at + i] === key);
}

function indexOf(keys: string[], part: string[], from: number): number {
  for (let at = from; at + part.length <= keys.length; at++) if (startsWith(keys, part, at)) return at;
  return -1;
}
