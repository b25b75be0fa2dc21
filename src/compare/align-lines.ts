import { diffArrays } from 'diff';
import type { AlignedLine, Ordering } from '../model.js';
import { WILDCARD, type CompareSettings, type ReadLine } from './comparable-lines.js';
import { looksLikeHeader } from './match-lines.js';
import { applyTolerances } from './tolerances/registry.js';
import { MAX_WORD_DIFF_CHARS } from './word-diff.js';

// The walk through both sides that judging made, kept so `--update` rewrites exactly
// what drifted: ordered outputs pair lines along the diff, tables and order-free outputs
// pair equal lines wherever they stand, as the matching that judged them did. Lines that
// differ pair only when they are the same thing printed again (the same row, the same
// field): `--update` keeps the documented words of a pair, and words kept from another
// row would write a line nobody printed (SPEC §7).

/** Each documented line beside the actual line it answers to, in note order. */
export function alignLines(documented: ReadLine[], actual: ReadLine[], ordering: Ordering, settings: CompareSettings): AlignedLine[] {
  const pair = pairing(settings, documented.length + actual.length <= MAX_WORDWISE_LINES);
  if (ordering === 'unordered') return alignUnordered(documented, actual, pair, identity(1));
  if (ordering === 'table') return alignTables(documented, actual, pair);
  return alignOrdered(documented, actual, pair);
}

/** What a line is about, read from its folded key: a row's name, a field's label, a variable's name. */
type Identity = (line: ReadLine) => string;

/**
 * The first `columns` words of the key (a table's NAMESPACE and NAME under `-A`, else the
 * first word), a variable's name without its value (`KIAMOL_SECTION=4.1`).
 */
const identity =
  (columns: number): Identity =>
  (line) =>
    line.key.split(' ').slice(0, columns).join(' ').replace(/=.*$/, '=');

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
  if (!parts) return changeLines(documented, actual, pair, identity(1));
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
    result.push(...changeLines(documented.slice(d, d + gone), actual.slice(a, a + come), pair, identity(1)));
    d += gone;
    a += come;
  }
  return result;
}

/**
 * The documented lines `gone` give way to the actual lines `come`: each pairs with the next
 * line printed for the same thing, in order; where the author wrote `...` (or `(생략)`), the
 * mark stays and takes the lines it covers.
 */
function changeLines(gone: ReadLine[], come: ReadLine[], pair: Pairing, same: Identity): AlignedLine[] {
  const wild = gone.flatMap((line, i) => (line.key === WILDCARD ? [i] : []));
  if (wild.length === 0) return pairInOrder(gone, come, pair, same);
  const first = wild[0];
  const last = wild[wild.length - 1];
  const before = Math.min(first, come.length);
  const after = Math.min(gone.length - 1 - last, come.length - before);
  const result = pairInOrder(gone.slice(0, first), come.slice(0, before), pair, same);
  let free = before;
  const next = nextOfSameIdentity(come, same);
  for (let i = first; i <= last; i++) {
    const line = gone[i];
    if (line.key === WILDCARD) {
      result.push(omitted(line));
      continue;
    }
    // Between two marks: the covered line printed for the same thing, if any.
    const found = next(same(line), free, come.length - after);
    if (found === -1) {
      result.push(removed(line));
      continue;
    }
    free = found + 1;
    result.push(pair.changed(line, come[found]));
  }
  result.push(...pairInOrder(gone.slice(last + 1), come.slice(come.length - after), pair, same));
  return result;
}

/** Each documented line with the next actual line of the same identity; the lines skipped on the way were added. */
function pairInOrder(gone: ReadLine[], come: ReadLine[], pair: Pairing, same: Identity): AlignedLine[] {
  const result: AlignedLine[] = [];
  const next = nextOfSameIdentity(come, same);
  let free = 0;
  for (const line of gone) {
    const found = next(same(line), free, come.length);
    if (found === -1) {
      result.push(removed(line));
      continue;
    }
    result.push(...come.slice(free, found).map(added), pair.changed(line, come[found]));
    free = found + 1;
  }
  return [...result, ...come.slice(free).map(added)];
}

/**
 * The first line at or after `from` (and before `to`) with an identity, each identity's
 * lines indexed once: searching the whole output again for every documented line made
 * two long outputs that differ everywhere quadratic. `from` never goes back.
 */
function nextOfSameIdentity(lines: ReadLine[], same: Identity): (id: string, from: number, to: number) => number {
  const at = new Map<string, { lines: number[]; passed: number }>();
  lines.forEach((line, k) => {
    const id = same(line);
    const seen = at.get(id);
    if (seen) seen.lines.push(k);
    else at.set(id, { lines: [k], passed: 0 });
  });
  return (id, from, to) => {
    const seen = at.get(id);
    if (!seen) return -1;
    while (seen.passed < seen.lines.length && seen.lines[seen.passed] < from) seen.passed++;
    const found = seen.lines[seen.passed];
    return found !== undefined && found < to ? found : -1;
  };
}

/**
 * Order-free lines: each documented line pairs with an equal actual line wherever it
 * stands; a line left over pairs with a left-over line of the same identity (the same
 * row's name), and what is left after that was removed or added, unless the author's
 * `...` says more lines may follow.
 */
function alignUnordered(documented: ReadLine[], actual: ReadLine[], pair: Pairing, same: Identity): AlignedLine[] {
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
  const paired = new Set<ReadLine>();
  const result = walk.map((step) => {
    if ('op' in step) return step;
    const partner = left.find((line) => !paired.has(line) && same(line) === same(step));
    if (!partner) return removed(step);
    paired.add(partner);
    return pair.changed(step, partner);
  });
  const open = documented.some((line) => line.key === WILDCARD);
  return open ? result : [...result, ...left.filter((line) => !paired.has(line)).map(added)];
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
      // Under `-A` a row is named by its namespace and its name together.
      result.push(...alignUnordered(rest, rows.slice(1), pair, identity(/^NAMESPACE NAME\b/.test(header.key) ? 2 : 1)));
    } else {
      result.push(...alignUnordered(doc.lines, rows, pair, identity(1)));
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
