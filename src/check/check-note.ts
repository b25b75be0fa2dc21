import type { CompareSettings } from '../compare/comparable-lines.js';
import { compareOutput } from '../compare/compare-output.js';
import { judgeCommand } from '../compare/judge-command.js';
import type { Note, NoteResult } from '../model.js';
import { runNote, type RunSettings } from '../run/run-note.js';
import { hold } from '../cleanup/leftovers.js';
import { materializeBlocks } from '../yaml/materialize-blocks.js';
import type { KnownSecrets } from '../secrets/known-secrets.js';
import { judgeNote, type StepOutcome } from './judge-note.js';
import { judgeMasked } from './masked-recording.js';

export interface CheckSettings extends Omit<RunSettings, 'satisfies'> {
  compare: CompareSettings;
  /** The last step has run and been judged: what is left (yaml blocks) needs no cluster. */
  onRunEnd?: () => void;
  /**
   * The secret values the run knows, and how to learn those of the namespace now. Every
   * batch of runs is masked with them before it is judged: nothing after holds a value.
   */
  secrets?: { known: KnownSecrets; learn: () => Promise<void> };
}

/** Runs a note in a shell and judges every step: the live source of runs for `judgeNote`. */
export async function checkNote(note: Note, settings: CheckSettings): Promise<NoteResult> {
  const known = settings.secrets?.known;
  const judge = judgeMasked(settings.compare, known);
  const runSettings: RunSettings = {
    ...settings,
    // The namespace the steps are compared in is the one they run in.
    ...(settings.compare.namespace ? { runNamespace: settings.compare.namespace } : {}),
    // A step with nothing documented is satisfied by succeeding ('unchecked'): no re-run for it.
    // With the values known so far masked, a documented placeholder satisfies it too.
    satisfies: (step, run) => ['pass', 'unchecked'].includes((known ? judge(step, known.maskRun(run)) : judgeCommand(step, run, settings.compare)).status),
    sameOutput: (step, before, after) => compareOutput(before, after, step.facts, { tolerances: settings.compare.tolerances }).matches,
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
  const { cluster, signal, secrets } = settings;
  const runs = ranInScratch(runNote(note, { ...runSettings, cwd: scratch.cwd }), cleanup);
  return judgeNote(note, secrets ? maskedRuns(runs, secrets) : runs, {
    compare: settings.compare,
    cwd: settings.cwd,
    ...(cluster ? { diagnose: async () => (signal?.aborted ? undefined : cluster.diagnose()) } : {}),
    ...(settings.onRunEnd ? { onRunsEnd: settings.onRunEnd } : {}),
    ...(secrets ? { judge } : {}),
  });
}

/**
 * Each batch of runs with the namespace's secret values masked, read once the batch has
 * run (its steps may have made a Secret) and before it is judged: by value, so no shape
 * of command (`-o yaml`, `custom-columns`, `exec … env`) lets one through.
 */
async function* maskedRuns(runs: AsyncIterable<StepOutcome[]>, secrets: NonNullable<CheckSettings['secrets']>): AsyncGenerator<StepOutcome[]> {
  for await (const batch of runs) {
    if (batch.some((outcome) => 'run' in outcome)) await secrets.learn();
    yield batch.map((outcome) => ('run' in outcome ? { ...outcome, run: secrets.known.maskRun(outcome.run) } : outcome));
  }
}

/** The runs, with the scratch copy removed once the last has come (or the run failed). */
async function* ranInScratch<T>(runs: AsyncIterable<T>, cleanup: () => void): AsyncGenerator<T> {
  try {
    yield* runs;
  } finally {
    cleanup();
  }
}
