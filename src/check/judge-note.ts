import type { CompareSettings } from '../compare/comparable-lines.js';
import { judgeCommand, type Judgement } from '../compare/judge-command.js';
import type { CommandStep, Diagnosis, Note, NoteResult, StepRun, Verdict } from '../model.js';
import { checkYamlStep } from '../yaml/check-yaml-step.js';
import { noteStatus, verdictWithoutRun } from './verdicts.js';

/**
 * What a source of runs says about one command step: its run, or why there is none.
 * A live run is `notRun` when it skipped the step; a snapshot is `unrecorded` when it
 * holds no run of it.
 */
export type StepOutcome = { step: CommandStep; run: StepRun } | { step: CommandStep; notRun: string } | { step: CommandStep; unrecorded: string };

export interface Judging {
  compare: CompareSettings;
  /** The user's working directory: yaml blocks are held against the manifests there. */
  cwd: string;
  /** The cluster's word on the run's pods, asked once for a batch with steps that failed; live only. */
  diagnose?: () => Promise<Diagnosis | undefined>;
  /** The last run has come and been judged: what is left (yaml blocks) needs no cluster. */
  onRunsEnd?: () => void;
  /** How a run is judged, when its source knows more than the run says (a snapshot's masked secrets); else `judgeCommand`. */
  judge?: (step: CommandStep, run: StepRun) => Judgement;
}

/**
 * The one judging pipeline, live and offline: the runs come from a shell or from a
 * snapshot, in batches, and every step of the note gets its verdict, in the note's order.
 * A live batch is judged as it comes, while the cluster is still as the steps left it.
 */
export async function judgeNote(note: Note, runs: AsyncIterable<StepOutcome[]> | Iterable<StepOutcome[]>, judging: Judging): Promise<NoteResult> {
  const started = performance.now();
  const verdicts = new Map<Note['steps'][number], Verdict>();
  const decide = (verdict: Verdict) => verdicts.set(verdict.step, verdict);
  for (const step of note.steps) {
    const early = verdictWithoutRun(step);
    if (early) decide(early);
  }
  for await (const batch of runs) (await judgeBatch(batch, judging)).forEach(decide);
  judging.onRunsEnd?.();
  for (const step of note.steps) if (step.kind === 'yaml') decide(checkYamlStep(step, note.steps, judging.cwd));
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
async function judgeBatch(batch: StepOutcome[], judging: Judging): Promise<Verdict[]> {
  const verdicts = batch.map((outcome): Verdict => {
    if ('notRun' in outcome) return { step: outcome.step, status: 'skipped', reason: outcome.notRun };
    if ('unrecorded' in outcome) return { step: outcome.step, status: 'unverified', reason: outcome.unrecorded };
    const judgement = judging.judge ? judging.judge(outcome.step, outcome.run) : judgeCommand(outcome.step, outcome.run, judging.compare);
    return { step: outcome.step, run: outcome.run, ...judgement };
  });
  const failed = verdicts.filter((verdict) => verdict.run && (verdict.status === 'stale' || verdict.status === 'broken'));
  if (judging.diagnose && failed.length > 0) {
    const diagnosis = await judging.diagnose();
    // A cluster that stopped answering is said once, on the first step it hit.
    if (diagnosis) for (const verdict of diagnosis.unreachable ? failed.slice(0, 1) : failed) verdict.run!.diagnosis = diagnosis;
  }
  return verdicts;
}
