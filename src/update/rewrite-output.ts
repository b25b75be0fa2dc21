import { diffArrays } from 'diff';
import { comparableLines, type ComparableLine, type CompareSettings } from '../compare/comparable-lines.js';
import { applyTolerances } from '../compare/tolerances/registry.js';
import { isRemark, isTerminalNoise } from '../note/dialect.js';

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
  const got = comparableLines(actual, 'actual', settings);
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
  const kept = written.map((_, i) => i).filter((i) => !isRemark(written[i]) && !isTerminalNoise(written[i]));
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
    if (part.added) {
      for (const line of part.value) result.push({ kind: 'add', text: line.text });
    } else if (part.removed) {
      const replacements = parts[p + 1]?.added ? parts[++p].value : [];
      part.value.forEach((_, i) => {
        result.push(i < replacements.length ? { kind: 'replace', at: at++, text: replacements[i].text } : { kind: 'drop', at: at++ });
      });
      for (const line of replacements.slice(part.value.length)) result.push({ kind: 'add', text: line.text });
    } else {
      for (const _ of part.value) result.push({ kind: 'keep', at: at++ });
    }
  }
  return result;
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
