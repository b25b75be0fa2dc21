import type { CompareSettings } from '../compare/comparable-lines.js';
import { judgeCommand } from '../compare/judge-command.js';
import type { Note, NoteResult, Verdict } from '../model.js';
import { runNote, type RunOutcome, type RunSettings } from '../run/run-note.js';
import { checkYamlStep } from '../yaml/check-yaml-step.js';
import { noteStatus, verdictWithoutRun } from './verdicts.js';
import { materializeBlocks } from '../yaml/materialize-blocks.js';

export interface CheckSettings extends Omit<RunSettings, 'satisfies'> {
  compare: CompareSettings;
  /** The last step has run: what is left (judging) needs no cluster. */
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
  const outcomes: RunOutcome[] = [];
  try {
    for await (const batch of runNote(note, { ...runSettings, cwd: scratch.cwd })) outcomes.push(...batch);
  } finally {
    scratch.cleanup();
  }
  settings.onRunEnd?.();
  for (const outcome of outcomes) {
    if ('notRun' in outcome) decide({ step: outcome.step, status: 'skipped', reason: outcome.notRun });
    else decide({ step: outcome.step, run: outcome.run, ...judgeCommand(outcome.step, outcome.run, settings.compare) });
  }
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

