import { diffArrays } from 'diff';
import type { DiffLine, WordPart } from '../model.js';

/** A line's comparison key as one side would fold it (tolerances applied, blanks squeezed). */
export type FoldLine = (line: string, side: 'documented' | 'actual') => string;

interface Word {
  text: string;
  start: number;
}

/**
 * Past this length a line is compared whole: word by word, a diff of two long lines that
 * differ everywhere costs the square of their words (a 1 MB line: minutes). Report lines
 * this long are not read word by word anyway.
 */
export const MAX_WORD_DIFF_CHARS = 4_000;

/**
 * Pairs each `-` line with the `+` line that replaced it and marks, word by word, what
 * really changed and what differs only by a tolerated value (an IP, an age), so a report
 * can point at `NodePort` → `ClusterIP` instead of colouring two whole lines.
 */
export function withWordDiff(diff: DiffLine[], fold: FoldLine): DiffLine[] {
  const lines = diff.map((line) => ({ ...line }));
  const paired = new Set<number>();
  lines.forEach((line, i) => {
    if (line.op !== '-' || line.text.length > MAX_WORD_DIFF_CHARS) return;
    const j = bestPartner(lines, i, paired, fold);
    if (j === undefined) return;
    paired.add(j);
    const [documented, actual] = wordParts(line.text, lines[j].text, fold);
    line.words = documented;
    lines[j].words = actual;
  });
  return lines;
}

/** The unpaired `+` line after `i`, in the same typed command's part, that shares the most words with it. */
function bestPartner(lines: DiffLine[], i: number, paired: Set<number>, fold: FoldLine): number | undefined {
  const words = wordsOf(lines[i].text).map((word) => fold(word.text, 'documented'));
  let best: number | undefined;
  let bestShared = 0;
  for (let j = i + 1; j < lines.length; j++) {
    const line = lines[j];
    if (line.op === '…' || (line.op === ' ' && line.text.startsWith('[typed] '))) break;
    if (line.op !== '+' || paired.has(j) || line.text.length > MAX_WORD_DIFF_CHARS) continue;
    const other = new Set(wordsOf(line.text).map((word) => fold(word.text, 'actual')));
    const shared = words.filter((word) => other.has(word)).length;
    if (shared > bestShared) [best, bestShared] = [j, shared];
  }
  // Lines sharing less than half their words are not one line changed, but one removed and one added.
  return bestShared * 2 >= words.length ? best : undefined;
}

function wordParts(documented: string, actual: string, fold: FoldLine): [WordPart[], WordPart[]] {
  const doc = wordsOf(documented);
  const act = wordsOf(actual);
  const docChange: (WordPart['change'] | undefined)[] = doc.map(() => undefined);
  const actChange: (WordPart['change'] | undefined)[] = act.map(() => undefined);
  const same = (a: Word, b: Word) => a.text === b.text || fold(a.text, 'documented') === fold(b.text, 'actual');
  const parts = diffArrays(doc, act, { comparator: same });
  let d = 0;
  let a = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (!part.added && !part.removed) {
      for (let k = 0; k < part.value.length; k++, d++, a++) if (doc[d].text !== act[a].text) docChange[d] = actChange[a] = 'tolerated';
      continue;
    }
    const next = parts[p + 1];
    const removed = part.removed ? part.value.length : 0;
    const added = part.added ? part.value.length : next?.added ? next.value.length : 0;
    if (part.removed && next?.added) p++;
    for (let k = 0; k < Math.max(removed, added); k++) {
      // A word swapped for one the documented line would accept in its place is tolerated.
      const change = k < removed && k < added && swapTolerated(documented, doc[d + k], act[a + k].text, fold) ? 'tolerated' : 'changed';
      if (k < removed) docChange[d + k] = change;
      if (k < added) actChange[a + k] = change;
    }
    d += removed;
    a += added;
  }
  return [partsOf(documented, doc, docChange), partsOf(actual, act, actChange)];
}

function swapTolerated(line: string, word: Word, replacement: string, fold: FoldLine): boolean {
  const swapped = line.slice(0, word.start) + replacement + line.slice(word.start + word.text.length);
  return fold(swapped, 'actual') === fold(line, 'documented');
}

function wordsOf(line: string): Word[] {
  return [...line.matchAll(/\S+/g)].map((match) => ({ text: match[0], start: match.index }));
}

function partsOf(line: string, words: Word[], changes: (WordPart['change'] | undefined)[]): WordPart[] {
  const parts: WordPart[] = [];
  let at = 0;
  words.forEach((word, i) => {
    if (word.start > at) parts.push({ text: line.slice(at, word.start) });
    parts.push(changes[i] ? { text: word.text, change: changes[i] } : { text: word.text });
    at = word.start + word.text.length;
  });
  if (at < line.length) parts.push({ text: line.slice(at) });
  return parts;
}
