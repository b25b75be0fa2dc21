import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Note } from '../model.js';
import { InputError } from './input-error.js';
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
  if (options.outputFile) prepareOutputFile(options.outputFile);
}

/** Creates the report's folder, as ESLint does, and makes sure the report can be written there. */
function prepareOutputFile(path: string): void {
  const folder = dirname(resolve(path));
  try {
    // One level at a time: a recursive mkdir spins forever under /proc on Node 20.
    const missing: string[] = [];
    for (let at = folder; !existsSync(at); at = dirname(at)) missing.unshift(at);
    for (const level of missing) mkdirSync(level);
    if (!isDirectory(folder)) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new InputError(`--output-file ${path}: cannot write in ${folder} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (isDirectory(path)) throw new InputError(`--output-file ${path}: is a directory; name a file`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `--step LINE` must name a step of every note given. */
export async function checkedSteps(notes: Note[], lines: number[]): Promise<Note[]> {
  if (lines.length === 0) return notes;
  const { stepAt } = await import('../check/select-steps.js');
  for (const note of notes) {
    for (const line of lines) {
      if (stepAt(note, line)) continue;
      const last = note.steps.at(-1);
      throw new InputError(`--step ${line}: ${note.file} has no step there (${last ? `its last step is at line ${last.line}` : 'it has no steps'})`);
    }
  }
  return notes;
}
