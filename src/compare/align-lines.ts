import { diffArrays } from 'diff';
import type { AlignedLine, Ordering } from '../model.js';
import { WILDCARD, type CompareSettings, type ReadLine } from './comparable-lines.js';
import { looksLikeHeader } from './match-lines.js';
import { applyTolerances } from './tolerances/registry.js';
import { MAX_WORD_DIFF_CHARS } from './word-diff.js';

// The walk through both sides that judging made, kept so `--update` rewrites exactly
// what drifted: ordered outputs pair lines along the diff, tables and order-free outputs
// pair equal lines wherever they stand, as the matching that judged them did.

/** Each documented line beside the actual line it answers to, in note order. */
export function alignLines(documented: ReadLine[], actual: ReadLine[], ordering: Ordering, settings: CompareSettings): AlignedLine[] {
  const pair = pairing(settings, documented.length + actual.length <= MAX_WORDWISE_LINES);
  if (ordering === 'unordered') return alignUnordered(documented, actual, pair);
  if (ordering === 'table') return alignTables(documented, actual, pair);
  return alignOrdered(documented, actual, pair);
}

interface Pairing {
  same: (documented: ReadLine, actual: ReadLine) => AlignedLine;
  changed: (documented: ReadLine, actual: ReadLine) => AlignedLine;
}

/**
 * Past this many lines on both sides, changed lines are paired whole, not word by word:
 * folding every word of tens of thousands of lines takes seconds, for an output nobody
 * rewrites word by word.
 */
const MAX_WORDWISE_LINES = 10_000;

function pairing(settings: CompareSettings, wordwise: boolean): Pairing {
  return {
    same: (documented, actual) => {
      const line: AlignedLine = { op: 'same', documented: documented.index, actual: actual.inNote };
      const by = equalBecause(documented, actual, settings);
      return by.length > 0 ? { ...line, by } : line;
    },
    changed: (documented, actual) => {
      const line: AlignedLine = { op: 'changed', documented: documented.index, actual: actual.inNote };
      const held = wordwise ? heldWords(documented.text, actual.inNote, settings) : undefined;
      return held ? { ...line, held } : line;
    },
  };
}

const removed = (line: ReadLine): AlignedLine => ({ op: 'removed', documented: line.index });
const added = (line: ReadLine): AlignedLine => ({ op: 'added', actual: line.inNote });
const omitted = (line: ReadLine): AlignedLine => ({ op: 'omitted', documented: line.index });

/** Past this many differing lines the diff gives up, as the shown diff does: the lines pair by position. */
const MAX_EDIT_LENGTH = 400;

function alignOrdered(documented: ReadLine[], actual: ReadLine[], pair: Pairing): AlignedLine[] {
  const parts = diffArrays(documented, actual, { comparator: (a: ReadLine, b: ReadLine) => a.key === b.key, maxEditLength: MAX_EDIT_LENGTH });
  if (!parts) return changeLines(documented, actual, pair);
  const result: AlignedLine[] = [];
  let d = 0;
  let a = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (!part.added && !part.removed) {
      for (let k = 0; k < part.value.length; k++) result.push(pair.same(documented[d++], actual[a++]));
      continue;
    }
    // A change: what was removed and what was added in its place, in either order.
    const next = parts[p + 1];
    const pairs = next && (part.added ? next.removed : next.added);
    const gone = part.removed ? part.value.length : pairs ? next.value.length : 0;
    const come = part.added ? part.value.length : pairs ? next.value.length : 0;
    if (pairs) p++;
    result.push(...changeLines(documented.slice(d, d + gone), actual.slice(a, a + come), pair));
    d += gone;
    a += come;
  }
  return result;
}

/**
 * The documented lines `gone` give way to the actual lines `come`: line by line, or, where
 * the author wrote `...` (or `(생략)`), the mark stays and takes the lines it covers.
 */
function changeLines(gone: ReadLine[], come: ReadLine[], pair: Pairing): AlignedLine[] {
  const wild = gone.flatMap((line, i) => (line.key === WILDCARD ? [i] : []));
  if (wild.length === 0) {
    const paired = gone.map((line, i) => (i < come.length ? pair.changed(line, come[i]) : removed(line)));
    return [...paired, ...come.slice(gone.length).map(added)];
  }
  const first = wild[0];
  const last = wild[wild.length - 1];
  const before = Math.min(first, come.length);
  const after = Math.min(gone.length - 1 - last, come.length - before);
  let free = before;
  return gone.map((line, i): AlignedLine => {
    if (line.key === WILDCARD) return omitted(line);
    if (i < first) return i < before ? pair.changed(line, come[i]) : removed(line);
    const fromEnd = gone.length - 1 - i;
    if (i > last) return fromEnd < after ? pair.changed(line, come[come.length - 1 - fromEnd]) : removed(line);
    // Between two marks: the covered line that starts like it, if any.
    const found = come.findIndex((candidate, k) => k >= free && k < come.length - after && firstWord(candidate.key) === firstWord(line.key));
    if (found === -1) return removed(line);
    free = found + 1;
    return pair.changed(line, come[found]);
  });
}

const firstWord = (key: string): string => key.split(' ', 1)[0];

/**
 * Order-free lines: each documented line pairs with an equal actual line wherever it
 * stands; the lines left over on both sides pair in order, and what is left after that
 * was removed or added, unless the author's `...` says more lines may follow.
 */
function alignUnordered(documented: ReadLine[], actual: ReadLine[], pair: Pairing): AlignedLine[] {
  const free = new Map<string, number[]>();
  actual.forEach((line, i) => free.set(line.key, [...(free.get(line.key) ?? []), i]));
  const taken = new Set<number>();
  const walk: (AlignedLine | ReadLine)[] = documented.map((line) => {
    if (line.key === WILDCARD) return omitted(line);
    const at = free.get(line.key)?.shift();
    if (at === undefined) return line;
    taken.add(at);
    return pair.same(line, actual[at]);
  });
  const left = actual.filter((_, i) => !taken.has(i));
  const open = documented.some((line) => line.key === WILDCARD);
  let next = 0;
  const result = walk.map((step) => ('op' in step ? step : next < left.length ? pair.changed(step, left[next++]) : removed(step)));
  return open ? result : [...result, ...left.slice(next).map(added)];
}

/** Tables split at blank lines; each keeps its header in place and pairs its rows as order-free lines. */
function alignTables(documented: ReadLine[], actual: ReadLine[], pair: Pairing): AlignedLine[] {
  const want = tables(documented);
  const got = tables(actual);
  const result: AlignedLine[] = [];
  for (let t = 0; t < Math.max(want.length, got.length); t++) {
    const doc = want[t];
    const act = got[t];
    if (!doc) {
      result.push(...[...(act.blank ? [act.blank] : []), ...act.lines].map(added));
      continue;
    }
    if (doc.blank) result.push(act?.blank ? pair.same(doc.blank, act.blank) : removed(doc.blank));
    else if (act?.blank) result.push(added(act.blank));
    const rows = act?.lines ?? [];
    if (doc.lines.length > 0 && looksLikeHeader(doc.lines[0].key) && rows.length > 0) {
      const [header, ...rest] = doc.lines;
      result.push(header.key === rows[0].key ? pair.same(header, rows[0]) : pair.changed(header, rows[0]));
      result.push(...alignUnordered(rest, rows.slice(1), pair));
    } else {
      result.push(...alignUnordered(doc.lines, rows, pair));
    }
  }
  return result;
}

interface Table {
  /** The blank line before it, for every table but the first. */
  blank?: ReadLine;
  lines: ReadLine[];
}

function tables(lines: ReadLine[]): Table[] {
  const result: Table[] = [{ lines: [] }];
  for (const line of lines) {
    if (line.key === '') result.push({ blank: line, lines: [] });
    else result[result.length - 1].lines.push(line);
  }
  return result;
}

/** What made two lines that differ as written equal: the tolerances that rewrote them, the run's namespace, blanks. */
function equalBecause(documented: ReadLine, actual: ReadLine, settings: CompareSettings): string[] {
  if (documented.text === actual.text) return [];
  const by = settings.tolerances
    .filter((tolerance) => rewrites(tolerance.pattern, tolerance.replacement, documented.text) || rewrites(tolerance.pattern, tolerance.replacement, actual.inNote))
    .map((tolerance) => tolerance.name);
  if (actual.inNote !== actual.text) by.push('run-namespace');
  if (applyTolerances(documented.text, settings.tolerances) !== applyTolerances(actual.inNote, settings.tolerances)) by.push('blanks');
  return by;
}

const rewrites = (pattern: RegExp, replacement: string, line: string): boolean => line.replace(pattern, replacement) !== line;

/**
 * For a changed pair cut into words at the same places: which documented words still
 * hold against the actual word in their place, so the rewrite keeps how the note wrote them.
 */
function heldWords(documented: string, actual: string, settings: CompareSettings): boolean[] | undefined {
  // A line this long is rewritten whole, as the report diffs it whole.
  if (documented.length > MAX_WORD_DIFF_CHARS || actual.length > MAX_WORD_DIFF_CHARS) return undefined;
  const doc = documented.split(/(\s+)/);
  const act = actual.split(/(\s+)/);
  if (doc.length !== act.length) return undefined;
  const fold = (word: string) => applyTolerances(word, settings.tolerances);
  return doc.filter((_, i) => i % 2 === 0).map((word, k) => fold(word) === fold(act[2 * k]));
}
