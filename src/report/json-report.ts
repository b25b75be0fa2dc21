import type { NoteResult, RunInfo, Verdict } from '../model.js';
import { commandOf, expectedOf, headingOf, headingPath, outsideWarning } from './step-fields.js';
import { maskSecrets } from '../secrets/mask-secrets.js';
import { maskCommandOutput } from '../secrets/reveals-secret.js';
import { summarize } from './summary.js';

/**
 * The JSON contract (docs/json.md); keys are only ever added, never renamed. The run's
 * own facts (context, mode, versions, startedAt) sit at the top level beside `notes`.
 */
export function jsonReport(results: NoteResult[], durationMs: number, info?: RunInfo): string {
  const notes = results.map((result) => ({
    file: result.file,
    status: result.status,
    steps: result.verdicts.map(stepEntry),
    messages: result.messages,
  }));
  const run = info
    ? { context: info.context ?? null, mode: info.mode, versions: { client: info.versions.client ?? null, server: info.versions.server ?? null }, startedAt: info.startedAt }
    : {};
  const snapshotAt = info?.snapshotAt ? { snapshotAt: info.snapshotAt } : {};
  return JSON.stringify({ ...run, ...snapshotAt, notes, summary: summarize(results, durationMs) }, null, 2) + '\n';
}

function stepEntry(verdict: Verdict): Record<string, unknown> {
  const { run, comparison } = verdict;
  const entry: Record<string, unknown> = {
    line: verdict.step.line,
    kind: verdict.step.kind,
    status: verdict.status,
    command: commandOf(verdict),
    expected: expectedOf(verdict),
    // CI keeps reports as artifacts: credentials a step printed stay out of them.
    actual: run ? maskCommandOutput(verdict.step.kind === 'command' ? verdict.step.facts : undefined, run.output) : null,
    exitCode: run?.exitCode ?? null,
    durationMs: run ? Math.round(run.durationMs) : 0,
    heading: headingOf(verdict),
    headings: headingPath(verdict),
  };
  // Where the documented output sits in the note, as `--plan` says it.
  const output = verdict.step.kind === 'command' ? verdict.step.output : undefined;
  if (output) entry.outputLines = [output.firstLine, output.lastLine];
  if (verdict.reason) entry.reason = verdict.reason;
  const outside = outsideWarning(verdict);
  if (outside) entry.warning = outside;
  if (verdict.boundFile) entry.file = verdict.boundFile;
  if (verdict.updated) entry.updated = true;
  if (run && run.attempts > 1) entry.attempts = run.attempts;
  if (comparison && !comparison.matches) entry.diff = comparison.diff.map((line) => maskSecrets(`${line.op}${line.text}`));
  if (comparison?.notes.length) entry.notes = comparison.notes;
  if (verdict.status === 'pass' && comparison?.portable?.length) entry.portable = comparison.portable;
  // What the run namespace lacks that the note's `default` holds, set aside from the comparison.
  if (comparison?.isolation?.length) entry.isolation = comparison.isolation;
  if (run?.diagnosis && verdict.status !== 'pass') entry.diagnosis = run.diagnosis;
  // Each line typed into a session is its own step, so a report or an editor can point at it.
  if (verdict.typed) entry.typed = verdict.typed;
  return entry;
}
