import type { CompareSettings } from '../compare/comparable-lines.js';
import { judgeCommand } from '../compare/judge-command.js';
import type { Note, NoteResult, Verdict } from '../model.js';
import { runNote, type RunOutcome, type RunSettings } from '../run/run-note.js';
import { checkYamlStep } from '../yaml/check-yaml-step.js';
import { noteStatus, verdictWithoutRun } from './verdicts.js';
import { hold } from '../cleanup/leftovers.js';
import { materializeBlocks } from '../yaml/materialize-blocks.js';

export interface CheckSettings extends Omit<RunSettings, 'satisfies'> {
  compare: CompareSettings;
  /** The last step has run and been judged: what is left (yaml blocks) needs no cluster. */
  onRunEnd?: () => void;
}

/** Runs a note live and judges every step: the whole pipeline for one note. */
export async function checkNote(note: Note, settings: CheckSettings): Promise<NoteResult> {
  const started = performance.now();
  const verdicts = new Map<Note['steps'][number], Verdict>();
  const decide = (verdict: Verdict) => verdicts.set(verdict.step, verdict);
  for (const step of note.steps) {
    const early = verdictWithoutRun(step);
    if (early) decide(early);
  }
  const runSettings: RunSettings = {
    ...settings,
    // A step with nothing documented is satisfied by succeeding ('unchecked'): no re-run for it.
    satisfies: (step, run) => ['pass', 'unchecked'].includes(judgeCommand(step, run, settings.compare).status),
  };
  // A yaml block bound to a manifest that does not exist yet is written into a scratch
  // copy of the working directory, so the note's own manifest is what gets applied.
  const scratch = materializeBlocks(note, settings.cwd);
  // Held like every temporary of the run: a second Ctrl-C, which skips this cleanup, still removes it.
  const letGo = scratch.cwd === settings.cwd ? () => undefined : hold(`working copy ${scratch.cwd}`, scratch.cleanup);
  try {
    // Each batch is judged as it comes, while the cluster is still as the steps left it.
    for await (const batch of runNote(note, { ...runSettings, cwd: scratch.cwd })) await judgeBatch(batch, settings, decide);
  } finally {
    scratch.cleanup();
    letGo();
  }
  settings.onRunEnd?.();
  for (const step of note.steps) if (step.kind === 'yaml') decide(checkYamlStep(step, note.steps, settings.cwd));
  const ordered = note.steps.map((step) => verdicts.get(step)).filter((verdict): verdict is Verdict => verdict !== undefined);
  return {
    file: note.file,
    status: noteStatus(ordered, note),
    verdicts: ordered,
    messages: note.messages,
    durationMs: performance.now() - started,
  };
}


/** Steps that did not do what the note says get the cluster's word on the run's pods: one look for a batch. */
async function judgeBatch(batch: RunOutcome[], settings: CheckSettings, decide: (verdict: Verdict) => void): Promise<void> {
  const verdicts = batch.map((outcome): Verdict =>
    'notRun' in outcome
      ? { step: outcome.step, status: 'skipped', reason: outcome.notRun }
      : { step: outcome.step, run: outcome.run, ...judgeCommand(outcome.step, outcome.run, settings.compare) },
  );
  const failed = verdicts.filter((verdict) => verdict.run && (verdict.status === 'stale' || verdict.status === 'broken'));
  if (settings.cluster && failed.length > 0 && !settings.signal?.aborted) {
    const diagnosis = await settings.cluster.diagnose();
    // A cluster that stopped answering is said once, on the first step it hit.
    if (diagnosis) for (const verdict of diagnosis.unreachable ? failed.slice(0, 1) : failed) verdict.run!.diagnosis = diagnosis;
  }
  verdicts.forEach(decide);
}
