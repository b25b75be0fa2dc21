import { InputError } from '../errors.js';
import type { Note } from '../model.js';
import { codeBlocks } from '../note/code-blocks.js';
import { normalizedText } from '../note/note-lines.js';
import { parseNote } from '../note/parse-note.js';
import { readNoteSource } from '../note/read-note-file.js';
import { failedNote, unforeseenProblem } from './failed-note.js';

// The note stage's edge: a file becomes a Note, or a failed Note that says why at its
// line. An input error (not UTF-8, too large) already names its line; a failure nobody
// foresaw (a stack overflow on `$($(…))` thousands deep) is placed by reading shorter
// and shorter beginnings of the note until the shortest one that fails is found.

/** The note, or the note as failed with the problem worded for the run's stderr. */
export function readNote(file: string): { note: Note; problem?: string } {
  let text: string;
  let digest: string;
  try {
    ({ text, digest } = readNoteSource(file));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return failed(file, error.message);
  }
  try {
    return { note: { ...parseNote(file, text), digest } };
  } catch (error) {
    if (error instanceof InputError) return failed(file, error.message);
    return failed(file, unforeseenProblem(file, failingLine(file, text), error));
  }
}

function failed(file: string, problem: string): { note: Note; problem: string } {
  return { note: failedNote(file, problem), problem };
}

/**
 * The line where parsing starts to fail: the shortest beginning of the note that fails
 * (found by bisection, a few dozen parses), and when that ends a code block, the block's
 * opening fence. Line 1 when no beginning fails alone.
 */
function failingLine(file: string, source: string): number {
  const lines = normalizedText(source).split('\n');
  const fails = (count: number) => {
    try {
      parseNote(file, lines.slice(0, count).join('\n'));
      return false;
    } catch {
      return true;
    }
  };
  let low = 1;
  let high = lines.length;
  if (!fails(high)) return 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (fails(middle)) high = middle;
    else low = middle + 1;
  }
  try {
    // A block is read once it is closed, so the cause sits inside the block that closes here.
    const block = codeBlocks(lines.slice(0, low).join('\n')).find((candidate) => candidate.fenceLine < low && low <= candidate.fenceLine + candidate.lines.length + 1);
    return block?.fenceLine ?? low;
  } catch {
    return low;
  }
}
