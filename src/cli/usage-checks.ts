import { statSync } from 'node:fs';
import { hasFailed } from '../check/failed-note.js';
import { stepAt } from '../check/select-steps.js';
import type { Note } from '../model.js';
import { InputError } from '../errors.js';
import type { Io } from './main.js';
import type { Options } from './options.js';

// Usage errors found before a note runs, so a long live run never ends in one.

/** The options that depend on the terminal and the file system. */
export function checkBeforeRunning(options: Options, io: Io): void {
  if (options.interactive && io.stdin.isTTY !== true) {
    throw new InputError('--interactive asks on the terminal, and stdin is not one; run it in a terminal, or use --update alone');
  }
  if (options.offline && options.snapshots !== undefined && !isDirectory(options.snapshots)) {
    throw new InputError(`--snapshots ${options.snapshots}: no such directory, so there is nothing to check offline against`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `--step LINE` must name a step of every note given. */
export function checkedSteps(notes: Note[], lines: number[]): Note[] {
  if (lines.length === 0) return notes;
  // A note that could not be read has no steps to name: its own failure says so.
  for (const note of notes.filter((each) => !hasFailed(each))) {
    for (const line of lines) {
      if (stepAt(note, line)) continue;
      const last = note.steps.at(-1);
      throw new InputError(`--step ${line}: ${note.file} has no step there (${last ? `its last step is at line ${last.line}` : 'it has no steps'})`);
    }
  }
  return notes;
}
