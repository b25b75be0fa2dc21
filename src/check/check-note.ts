import type { CompareSettings } from '../compare/comparable-lines.js';
import { judgeCommand } from '../compare/judge-command.js';
import { sameOutput } from '../compare/same-output.js';
import type { Note, NoteResult } from '../model.js';
import { runNote, type RunSettings } from '../run/run-note.js';
import { hold } from '../cleanup/leftovers.js';
import { materializeBlocks } from '../yaml/materialize-blocks.js';
import { judgeNote } from './judge-note.js';

export interface CheckSettings extends Omit<RunSettings, 'satisfies'> {
  compare: CompareSettings;
  /** The last step has run and been judged: what is left (yaml blocks) needs no cluster. */
  onRunEnd?: () => void;
  /** What the judging needs and the running does not (the cluster's versions): awaited before the first verdict. */
  judgeAfter?: Promise<unknown>;
}

/** Runs a note in a shell and judges every step: the live source of runs for `judgeNote`. */
export async function checkNote(note: Note, settings: CheckSettings): Promise<NoteResult> {
  const runSettings: RunSettings = {
    ...settings,
    // A step with nothing documented is satisfied by succeeding ('unchecked'): no re-run for it.
    satisfies: (step, run) => ['pass', 'unchecked'].includes(judgeCommand(step, run, settings.compare).status),
    sameOutput: (step, first, second) => sameOutput(first.output, second.output, step.facts, settings.compare),
  };
  // A yaml block bound to a manifest that does not exist yet is written into a scratch
  // copy of the working directory, so the note's own manifest is what gets applied.
  const scratch = materializeBlocks(note, settings.cwd);
  // Held like every temporary of the run: a second Ctrl-C, which skips this cleanup, still removes it.
  const letGo = scratch.cwd === settings.cwd ? () => undefined : hold(`working copy ${scratch.cwd}`, scratch.cleanup);
  const cleanup = () => {
    scratch.cleanup();
    letGo();
  };
  const { cluster, signal } = settings;
  return judgeNote(note, ranInScratch(runNote(note, { ...runSettings, cwd: scratch.cwd }), cleanup, settings.judgeAfter), {
    compare: settings.compare,
    cwd: settings.cwd,
    ...(cluster ? { diagnose: async () => (signal?.aborted ? undefined : cluster.diagnose()) } : {}),
    ...(settings.onRunEnd ? { onRunsEnd: settings.onRunEnd } : {}),
  });
}

/** The runs, once `before` is in, with the scratch copy removed once the last has come (or the run failed). */
async function* ranInScratch<T>(runs: AsyncIterable<T>, cleanup: () => void, before?: Promise<unknown>): AsyncGenerator<T> {
  try {
    for await (const batch of runs) {
      await before;
      yield batch;
    }
  } finally {
    cleanup();
  }
}
