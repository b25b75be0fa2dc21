import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunning } from './atomic-write.js';

// The temporary folders a run makes: `notes-run-kube-PID-*` (a kubeconfig copy, with the
// cluster's credentials), `notes-run-bin-PID-*` (the kubectl shim), `notes-run-shell-PID-*`
// (a note shell's scripts), `notes-run-work-PID-*` (a copy of the working directory with
// the note's manifests written in) and `notes-run-prepull-PID-*`. Their names carry
// the PID so that what a killed run left (SIGKILL cannot be caught) is recognised, and
// removed by the next run, once that PID is gone.

export type RunFolderKind = 'kube' | 'bin' | 'shell' | 'work' | 'prepull';

const KINDS: readonly RunFolderKind[] = ['kube', 'bin', 'shell', 'work', 'prepull'];
const RUN_FOLDER = /^notes-run-(kube|bin|shell|work|prepull)-(\d+)-/;

let swept = false;

/** A fresh folder of this run; the first one a run makes also sweeps what dead runs left. */
export function makeRunFolder(kind: RunFolderKind): string {
  if (!swept) {
    swept = true;
    removeDeadRunFolders();
  }
  return mkdtempSync(join(tmpdir(), `notes-run-${kind}-${process.pid}-`));
}

/** Removes the run folders of notes-run processes that no longer run; returns how many of each kind. */
export function removeDeadRunFolders(): Record<RunFolderKind, number> {
  const removed = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<RunFolderKind, number>;
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = RUN_FOLDER.exec(name);
    if (!match || isRunning(Number(match[2]))) continue;
    try {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
      removed[match[1] as RunFolderKind]++;
    } catch {
      // Another user's folder (a shared /tmp): theirs to remove.
    }
  }
  return removed;
}
