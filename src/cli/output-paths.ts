import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { folderLinkOut } from '../files/inside-folder.js';

// Where the run will write is checked before anything runs: a report or a snapshot
// folder that cannot be written is found out now, not after a full live run whose
// results would then be lost.

/** `--output-file FILE`: its folder is made if missing; a folder or an unwritable place is refused. */
export function checkOutputFile(file: string): void {
  const path = resolve(file);
  ensureFolder(dirname(path), `--output-file ${file}`);
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // Not there yet: it will be written.
  }
  if (isDirectory) throw new InputError(`--output-file ${file}: is a folder, not a file`);
}

/**
 * The snapshots folder of a live run: refused when it cannot be written or made, or when
 * it is a link out of the folder holding it (a checkout's `snapshots -> ~/.ssh`). Nothing
 * is made yet, so a run that stops at a usage error leaves no folder behind.
 */
export function checkSnapshotsFolder(dir: string, given: string | undefined): void {
  const escape = folderLinkOut(dir);
  if (escape) throw new InputError(`${given ? `--snapshots ${given}` : `snapshots folder ${dir}`}: ${escape}`);
  let existing = dir;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  ensureFolder(existing, given ? `--snapshots ${given}` : `snapshots folder ${dir}`);
}

/** The working directory each note's commands run in must be a folder. */
export function checkWorkingDirectory(cwd: string, note: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(cwd).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isDirectory) throw new InputError(`${note}: working directory ${cwd} is not a folder (--cwd or the config's cwd)`);
}

function ensureFolder(dir: string, what: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way of this folder' : code === 'EACCES' || code === 'EROFS' ? 'the folder cannot be written' : code;
    throw new InputError(`${what}: cannot write there (${why})`);
  }
}
