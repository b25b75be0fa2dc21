import type { CompareSettings } from '../compare/comparable-lines.js';
import { exemptNodePorts } from '../compare/tolerances/exempt-node-ports.js';
import { fixedNodePorts } from '../yaml/fixed-node-ports.js';
import { judgeCommand } from '../compare/judge-command.js';
import type { Note, NoteResult, StepRun, Verdict } from '../model.js';
import { recordedCluster, recordedRuns, type Snapshot } from '../snapshot/snapshot.js';
import { runWithDocumentedSecrets, sayingMasked } from './masked-recording.js';
import { checkYamlStep } from '../yaml/check-yaml-step.js';
import { noteStatus, verdictWithoutRun } from './verdicts.js';

/** Judges a note's documented outputs against its last live run, with no cluster at all. */
export function checkOffline(note: Note, snapshot: Snapshot | undefined, tolerances: CompareSettings['tolerances'], cwd: string, strict = false): NoteResult {
  const started = performance.now();
  const settings: CompareSettings = {
    tolerances: exemptNodePorts(tolerances, fixedNodePorts(note, cwd)),
    namespace: snapshot?.namespace,
    // The snapshot's outputs stand for the cluster they were recorded on.
    ...(snapshot ? { portability: { recorded: snapshot.documentedOn ?? {}, current: recordedCluster(snapshot), strict } } : {}),
  };
  const recorded = snapshot ? recordedRuns(snapshot) : () => undefined;
  const verdicts: Verdict[] = note.steps.map((step) => {
    if (step.kind === 'yaml') return checkYamlStep(step, note.steps, cwd);
    const early = verdictWithoutRun(step);
    if (early) return early;
    const entry = recorded(step);
    if (!entry) {
      const why = snapshot ? 'no recorded run of this command (new or edited since the last live run)' : 'no snapshot of this note yet: run it live once';
      return { step, status: 'unverified', reason: why };
    }
    const run: StepRun = {
      output: entry.output,
      exitCode: entry.exitCode,
      durationMs: entry.durationMs,
      timedOut: entry.timedOut ?? false,
      stopped: entry.stopped ?? false,
      attempts: 1,
      ...(entry.sessionOutputs ? { sessionOutputs: entry.sessionOutputs } : {}),
    };
    // The verdict keeps the masked run: a report shows `<masked>`, never the value.
    const unmasked = runWithDocumentedSecrets(step, run);
    return { step, run, ...sayingMasked(judgeCommand(step, unmasked.run, settings), unmasked.filled) };
  });
  return { file: note.file, status: noteStatus(verdicts, note), verdicts, messages: note.messages, durationMs: performance.now() - started };
}
