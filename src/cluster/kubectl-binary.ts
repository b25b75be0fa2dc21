import { rmSync, symlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { hold } from '../cleanup/leftovers.js';
import { makeRunFolder } from '../files/run-folders.js';
import { findExecutable } from '../run/find-executable.js';

export function kubectlOnPath(env: NodeJS.ProcessEnv): string {
  const found = findExecutable('kubectl', env.PATH ?? '');
  if (found) return found;
  throw new InputError('kubectl is not on PATH: install it, name it with --kubectl PATH, or check against snapshots with --offline');
}

export interface KubectlShim {
  /** The folder to put first on the note's PATH. */
  dir: string;
  /** Removes the shim folder, if the run made one. */
  remove: () => void;
}

/**
 * A directory whose `kubectl` is the chosen binary, put first on the note's PATH so
 * the notes' own `kubectl` lines use the same binary as notes-run. A binary already
 * named kubectl needs none: its own folder is used. A made one is held like any other
 * temporary of the run, so that no exit path leaves it in /tmp.
 */
export function kubectlShim(binary: string): KubectlShim {
  if (basename(binary) === 'kubectl') return { dir: dirname(binary), remove: () => undefined };
  const dir = makeRunFolder('bin');
  const removeNow = () => rmSync(dir, { recursive: true, force: true });
  const letGo = hold(`kubectl shim ${dir}`, removeNow);
  try {
    symlinkSync(binary, join(dir, 'kubectl'));
  } catch (error) {
    removeNow();
    letGo();
    throw error;
  }
  return {
    dir,
    remove: () => {
      removeNow();
      letGo();
    },
  };
}
