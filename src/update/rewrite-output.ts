import { diffArrays } from 'diff';
import { WILDCARD, comparableLines, leftOut, type ComparableLine, type CompareSettings } from '../compare/comparable-lines.js';
import { applyTolerances } from '../compare/tolerances/registry.js';

type Edit = { kind: 'keep'; at: number } | { kind: 'drop'; at: number } | { kind: 'replace'; at: number; text: string } | { kind: 'add'; text: string };

/**
 * The new documented output for a drifted step: the actual output, except that every
 * documented line (and every word in a line) that still matches stays as the author
 * wrote it, so placeholders like `10.xx.xx.xx`, old timings and old pod hashes survive
 * and only what really drifted changes. Author remarks and `^C` lines stay in place.
 */
export function rewriteOutput(documented: string, actual: string, settings: CompareSettings): string[] {
  const written = documented.split('\n');
  const compared = comparedLineIndexes(written);
  const want = comparableLines(documented, 'documented', settings);
  // The run's own namespace stands for `default`: the note keeps saying `default`.
  const got = comparableLines(actual, 'actual', settings).map((line) => ({ ...line, text: inDefault(line.text, settings.namespace) }));
  const result: string[] = [];
  let next = 0;
  const copyUntil = (index: number) => {
    for (; next < index; next++) if (!compared.includes(next)) result.push(written[next]);
  };
  for (const edit of edits(want, got)) {
    if (edit.kind === 'add') {
      result.push(edit.text);
      continue;
    }
    const index = compared[edit.at];
    copyUntil(index);
    if (edit.kind === 'keep') result.push(written[index]);
    if (edit.kind === 'replace') result.push(mergeWords(written[index], edit.text, settings));
    next = index + 1;
  }
  copyUntil(written.length);
  return result;
}

/** Which written lines comparableLines keeps, in order: not remarks, not `^C`, not blank edges. */
function comparedLineIndexes(written: string[]): number[] {
  const kept = written.map((_, i) => i).filter((i) => !leftOut(written[i], 'documented'));
  while (kept.length > 0 && written[kept[0]].trim() === '') kept.shift();
  while (kept.length > 0 && written[kept[kept.length - 1]].trim() === '') kept.pop();
  return kept;
}

function edits(want: ComparableLine[], got: ComparableLine[]): Edit[] {
  const parts = diffArrays(want, got, { comparator: (a: ComparableLine, b: ComparableLine) => a.key === b.key }) ?? [];
  const result: Edit[] = [];
  let at = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (!part.added && !part.removed) {
      for (const _ of part.value) result.push({ kind: 'keep', at: at++ });
      continue;
    }
    // A change: what was removed and what was added in its place, in either order.
    const next = parts[p + 1];
    const pairs = next && (part.added ? next.removed : next.added);
    const removed = part.removed ? part.value : pairs ? next.value : [];
    const added = part.added ? part.value : pairs ? next.value : [];
    if (pairs) p++;
    for (const edit of changeEdits(removed, added, at)) result.push(edit);
    at += removed.length;
  }
  return result;
}

/**
 * The documented lines `removed` give way to the actual lines `added`: line by line, or,
 * where the author wrote `...` (or `(생략)`), the mark stays and takes the lines it covers.
 */
function changeEdits(removed: ComparableLine[], added: ComparableLine[], at: number): Edit[] {
  const wild = removed.flatMap((line, i) => (line.key === WILDCARD ? [i] : []));
  if (wild.length === 0) {
    const paired: Edit[] = removed.map((_, i) => (i < added.length ? { kind: 'replace', at: at + i, text: added[i].text } : { kind: 'drop', at: at + i }));
    return [...paired, ...added.slice(removed.length).map((line): Edit => ({ kind: 'add', text: line.text }))];
  }
  const first = wild[0];
  const last = wild[wild.length - 1];
  const before = Math.min(first, added.length);
  const after = Math.min(removed.length - 1 - last, added.length - before);
  let free = before;
  return removed.map((line, i): Edit => {
    if (line.key === WILDCARD) return { kind: 'keep', at: at + i };
    if (i < first) return i < before ? { kind: 'replace', at: at + i, text: added[i].text } : { kind: 'drop', at: at + i };
    const fromEnd = removed.length - 1 - i;
    if (i > last) return fromEnd < after ? { kind: 'replace', at: at + i, text: added[added.length - 1 - fromEnd].text } : { kind: 'drop', at: at + i };
    // Between two marks: the covered line that starts like it, if any.
    const found = added.findIndex((candidate, k) => k >= free && k < added.length - after && firstWord(candidate.key) === firstWord(line.key));
    if (found === -1) return { kind: 'drop', at: at + i };
    free = found + 1;
    return { kind: 'replace', at: at + i, text: added[found].text };
  });
}

const firstWord = (key: string): string => key.split(' ', 1)[0];

function inDefault(text: string, namespace: string | undefined): string {
  if (!namespace || namespace === 'default') return text;
  return text.replace(new RegExp(`\\b${namespace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g'), 'default');
}

/**
 * Keeps the documented spelling of each word that still matches, and its spacing; the
 * blanks after a replaced word grow or shrink so table columns stay aligned.
 */
function mergeWords(documented: string, actual: string, settings: CompareSettings): string {
  const doc = documented.split(/(\s+)/);
  const act = actual.split(/(\s+)/);
  if (doc.length !== act.length) return actual;
  const same = (a: string, b: string) => applyTolerances(a, settings.tolerances) === applyTolerances(b, settings.tolerances);
  let shift = 0;
  return doc
    .map((word, i) => {
      if (i % 2 === 1) {
        // Two blanks separate table columns; never close a gap below that.
        const width = Math.max(Math.min(word.length, 2), word.length - shift);
        shift -= word.length - width;
        return word.includes('\t') ? word : ' '.repeat(width);
      }
      if (same(word, act[i])) return word;
      shift += act[i].length - word.length;
      return act[i];
    })
    .join('');
}
