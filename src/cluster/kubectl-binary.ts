import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { findExecutable } from '../run/find-executable.js';

export function kubectlOnPath(env: NodeJS.ProcessEnv): string {
  const found = findExecutable('kubectl', env.PATH ?? '');
  if (found) return found;
  throw new InputError('kubectl is not on PATH: install it, name it with --kubectl PATH, or check against snapshots with --offline');
}

const shims = new Map<string, string>();

/**
 * A directory whose `kubectl` is the chosen binary, put first on the note's PATH so
 * the notes' own `kubectl` lines use the same binary as notes-run.
 */
export function shimDirectory(binary: string): string {
  if (basename(binary) === 'kubectl') return dirname(binary);
  let dir = shims.get(binary);
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'notes-run-bin-'));
    symlinkSync(binary, join(dir, 'kubectl'));
    shims.set(binary, dir);
  }
  return dir;
}
