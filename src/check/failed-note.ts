import type { Note, NoteMessage, NoteResult } from '../model.js';

// One note that cannot be read (not UTF-8, nested too deeply) or whose snapshot cannot
// (a corrupt file) is that note's failure, not the run's: as unified-engine does, it
// gets one fatal message naming the file, and the other notes run and are reported.

/** The note as far as it could be read: no steps, and the fatal message saying why. */
export function failedNote(file: string, problem: string): Note {
  return { file, steps: [], messages: [fatalMessage(file, problem)] };
}

/** The note, judged no further: broken, with the fatal message added to what its reading said. */
export function failedResult(note: Pick<Note, 'file' | 'messages'>, problem?: string): NoteResult {
  const messages = problem === undefined ? note.messages : [...note.messages, fatalMessage(note.file, problem)];
  return { file: note.file, status: 'broken', verdicts: [], messages, durationMs: 0 };
}

/**
 * A failure nobody foresaw while one note was read or checked (a library's limit, a
 * stack overflow), worded as that note's problem at the line it was at: the run goes on.
 */
export function unforeseenProblem(file: string, line: number, error: unknown): string {
  const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `${file}:${line}: could not be checked (${why})`;
}

export function hasFailed(note: Pick<Note, 'messages'>): boolean {
  return note.messages.some((message) => message.fatal === true);
}

/**
 * A problem worded for the run's stderr (`notes/a.md:3: not UTF-8 text`) as a message
 * on the note: the position moves out of the text into the message's line.
 */
function fatalMessage(file: string, problem: string): NoteMessage {
  const at = problem.startsWith(`${file}:`) ? /^(\d+): ?/.exec(problem.slice(file.length + 1)) : null;
  const message = problem.startsWith(`${file}: `) ? problem.slice(file.length + 2) : at ? problem.slice(file.length + 1 + at[0].length) : problem;
  return { line: at ? Number(at[1]) : 1, column: 1, message, severity: 'error', fatal: true };
}
