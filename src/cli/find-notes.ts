import { realpathSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { byFolderLevels, filesUnder } from '../files/files-under.js';

/** Folders that hold dependencies, recorded runs and builds, not notes; dot folders neither. */
const SKIPPED_DIRS = ['node_modules', 'snapshots', 'dist'];

const MARKDOWN = /\.(md|markdown)$/i;

/**
 * Expands the paths given on the command line into note files, in a stable order. A
 * directory or a glob yields its Markdown files only; any other file runs only when
 * named, with a warning, since running a note runs commands.
 */
export async function findNotes(paths: string[], warn: (message: string) => void = () => undefined): Promise<string[]> {
  if (paths.length === 0) throw new InputError('no note given: notes-run NOTE.md | DIR ... (see --help)');
  const notes: string[] = [];
  for (const path of paths) {
    // A quoted glob (from an npm script or CI config) reaches us unexpanded. The glob
    // library is loaded only then: the pre-commit hook names files and must start fast.
    const glob = /[*?[{(!]/.test(path) ? await import('tinyglobby') : undefined;
    if (glob?.isDynamicPattern(path)) {
      const all = glob.globSync(path, { ignore: ['**/node_modules/**'], expandDirectories: false }).sort();
      if (all.length === 0) throw new InputError(`${path}: no file matches this pattern`);
      const matches = all.filter((file) => MARKDOWN.test(file));
      if (matches.length === 0) throw new InputError(`${path}: matches no Markdown file (*.md); name a file to run it anyway`);
      notes.push(...matches);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new InputError(`${path}: no such file or directory`);
    }
    if (!isDirectory) {
      if (!MARKDOWN.test(path)) warn(`${path} is not a Markdown file (*.md); running it as a note because it was named`);
      notes.push(path);
      continue;
    }
    const found = markdownUnder(path);
    if (found.length === 0) throw new InputError(`${path}: no Markdown notes (*.md) in this directory`);
    notes.push(...found);
  }
  return oncePerFile(notes);
}

/**
 * `n.md`, `./n.md` and a symlink to it are one note: run twice, two `--update`s would
 * splice the same file by line numbers read before the other wrote it.
 */
function oncePerFile(notes: string[]): string[] {
  const seen = new Set<string>();
  return notes.filter((note) => {
    let real: string;
    try {
      real = realpathSync(note);
    } catch {
      real = note;
    }
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

/** The Markdown files under `dir`, each folder's entries by name, numbers in names as numbers (`ch2` before `ch10`). */
function markdownUnder(dir: string): string[] {
  const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  return filesUnder(dir, { skipFolders: SKIPPED_DIRS, skipDotFolders: true, listOddLinks: true })
    .filter((path) => MARKDOWN.test(path))
    .sort(byFolderLevels(byName));
}
