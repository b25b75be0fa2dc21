import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { makeRunFolder } from '../files/run-folders.js';
import type { Note, YamlStep } from '../model.js';
import { bindYamlBlock } from './bind-yaml-block.js';
import { yamlSyntaxError } from './syntax-error.js';

export interface Materialized {
  /** Where the note should run: a scratch copy when blocks were written, else the original dir. */
  cwd: string;
  /** Files written, relative to `cwd`. */
  written: string[];
  cleanup(): void;
}

const NOT_COPIED = new Set(['node_modules', '.git']);

/**
 * Blocks bound to a manifest file that does not exist are written there, so the note's
 * `kubectl apply -f` finds them. Always in a scratch copy: the user's files are never touched.
 */
export function materializeBlocks(note: Note, cwd: string): Materialized {
  const contents = absentFiles(note, cwd);
  if (contents.size === 0) return { cwd, written: [], cleanup: () => {} };
  const scratch = makeRunFolder('work');
  const cleanup = () => rmSync(scratch, { recursive: true, force: true });
  try {
    copyWorkingDir(cwd, scratch);
    const written = [...contents].filter(([file, sources]) => writeInside(scratch, file, sources.join('---\n'))).map(([file]) => file);
    return { cwd: scratch, written, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

function copyWorkingDir(cwd: string, scratch: string): void {
  const copied = (source: string) => !NOT_COPIED.has(basename(source));
  for (const name of readdirSync(cwd)) {
    const source = join(cwd, name);
    // A working dir that holds the temp dir (`/tmp`, `/`) must not copy the copy into itself.
    if (!copied(source) || inside(source, scratch)) continue;
    cpSync(source, join(scratch, name), { recursive: true, verbatimSymlinks: true, filter: copied });
  }
}

/** Each absent bound path with the sources of its blocks, in note order (several blocks may share one). */
function absentFiles(note: Note, cwd: string): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const step of note.steps) {
    if (step.kind !== 'yaml' || yamlSyntaxError(step)) continue;
    const binding = bindYamlBlock(step, note.steps, cwd);
    if (!binding || binding.exists || !writable(binding.file)) continue;
    files.set(binding.file, [...(files.get(binding.file) ?? []), withNewline(step)]);
  }
  return files;
}

/** Only paths inside the working dir are written: the scratch copy holds nothing else. */
export function writable(file: string): boolean {
  return file !== '' && inside('.', file);
}

/** Writes only below the scratch dir: a path with `..` or a copied symlink could reach the user's files. */
function writeInside(scratch: string, file: string, text: string): boolean {
  const target = resolve(scratch, file);
  try {
    return writeChecked(scratch, target, text);
  } catch {
    return false; // e.g. a copied symlink in the way: the apply then reports the missing file
  }
}

function writeChecked(scratch: string, target: string, text: string): boolean {
  if (!inside(realpathSync(scratch), realpathSync(existingAncestor(dirname(target))))) return false;
  if (target === scratch || !inside(scratch, target) || lstatSync(target, { throwIfNoEntry: false })?.isDirectory()) return false;
  mkdirSync(dirname(target), { recursive: true });
  // A dangling symlink copied from the user's dir would be written through; replace it instead.
  rmSync(target, { force: true });
  writeFileSync(target, text);
  return true;
}

function existingAncestor(path: string): string {
  return existsSync(path) || dirname(path) === path ? path : existingAncestor(dirname(path));
}

function inside(root: string, path: string): boolean {
  const rest = relative(root, path);
  return rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest);
}

function withNewline(step: YamlStep): string {
  return step.source.endsWith('\n') ? step.source : `${step.source}\n`;
}
