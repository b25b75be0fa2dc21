import type { AlignedLine, ComparedOutput } from '../model.js';

/**
 * The new documented output for a drifted output, walked along the alignment judging
 * made: the actual output, except that every documented line (and every word in a line)
 * that still matches stays as the author wrote it, so placeholders like `10.xx.xx.xx`,
 * old timings and old pod hashes survive and only what really drifted changes. Author
 * remarks and `^C` lines stay in place.
 */
export function rewriteOutput(part: Pick<ComparedOutput, 'documented' | 'alignment'>): string[] {
  const written = part.documented.split('\n');
  const alignment = part.alignment ?? [];
  // The lines judging compared all stand in the alignment; the rest (remarks, `^C`, blank edges) stay where they are.
  const compared = new Set(alignment.flatMap((line) => (line.documented === undefined ? [] : [line.documented])));
  const result: string[] = [];
  let next = 0;
  const copyUntil = (index: number) => {
    for (; next < index; next++) if (!compared.has(next)) result.push(written[next]);
  };
  // Lines that come before every compared one (a blank edge, a remark) stay before the new lines too:
  // an added first line written above a leading blank would pull that blank into the output.
  const firstCompared = alignment.find((line) => line.documented !== undefined)?.documented ?? 0;
  for (const line of alignment) {
    if (line.documented === undefined) {
      copyUntil(firstCompared);
      result.push(line.actual!);
      continue;
    }
    copyUntil(line.documented);
    const kept = rewritten(written[line.documented], line);
    if (kept !== undefined) result.push(kept);
    next = Math.max(next, line.documented + 1);
  }
  copyUntil(written.length);
  return result;
}

/** A documented line as the aligned step leaves it: kept, merged with what replaced it, or dropped. */
function rewritten(documented: string, line: AlignedLine): string | undefined {
  if (line.op === 'same' || line.op === 'omitted') return documented;
  if (line.op === 'changed') return mergeWords(documented, line.actual!, line.held);
  return undefined;
}

/** Two blanks or a tab between words: the line is a row of a table. */
const COLUMN_GAP = /\S(?: {2,}|\t)\S/;

/**
 * Keeps the documented spelling of each word that still holds, and its spacing; the
 * blanks after a replaced word grow or shrink so table columns stay aligned.
 */
function mergeWords(documented: string, actual: string, held: boolean[] | undefined): string {
  if (!held) return actual;
  const doc = documented.split(/(\s+)/);
  const act = actual.split(/(\s+)/);
  const holds = (i: number) => held[i / 2];
  // Only a table's columns are re-aligned; any other line keeps the blanks the command printed.
  if (!COLUMN_GAP.test(actual)) return doc.map((word, i) => (i % 2 === 1 || !holds(i) ? act[i] : word)).join('');
  let shift = 0;
  return doc
    .map((word, i) => {
      if (i % 2 === 1) {
        // Two blanks separate table columns; never close a gap below that.
        const width = Math.max(Math.min(word.length, 2), word.length - shift);
        shift -= word.length - width;
        return word.includes('\t') ? word : ' '.repeat(width);
      }
      if (holds(i)) return word;
      shift += act[i].length - word.length;
      return act[i];
    })
    .join('');
}
