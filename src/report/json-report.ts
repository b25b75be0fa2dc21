import type { NoteResult } from '../model.js';
import { commandOf, expectedOf, headingOf, headingPath } from './step-fields.js';
import { summarize } from './summary.js';

/** The JSON contract of SPEC §6; extra keys (reason, diff, ...) only add to it. */
export function jsonReport(results: NoteResult[], durationMs: number): string {
  const notes = results.map((result) => ({
    file: result.file,
    status: result.status,
    steps: result.verdicts.map((verdict) => ({
      line: verdict.step.line,
      kind: verdict.step.kind,
      status: verdict.status,
      command: commandOf(verdict),
      expected: expectedOf(verdict),
      actual: verdict.run?.output ?? null,
      exitCode: verdict.run?.exitCode ?? null,
      durationMs: verdict.run ? Math.round(verdict.run.durationMs) : 0,
      heading: headingOf(verdict),
      headings: headingPath(verdict),
      ...(verdict.reason ? { reason: verdict.reason } : {}),
      ...(verdict.boundFile ? { file: verdict.boundFile } : {}),
      ...(verdict.updated ? { updated: true } : {}),
      ...(verdict.run && verdict.run.attempts > 1 ? { attempts: verdict.run.attempts } : {}),
      ...(verdict.comparison && !verdict.comparison.matches ? { diff: verdict.comparison.diff.map((line) => `${line.op}${line.text}`) } : {}),
      ...(verdict.comparison?.notes.length ? { notes: verdict.comparison.notes } : {}),
    })),
    messages: result.messages,
  }));
  return JSON.stringify({ notes, summary: summarize(results, durationMs) }, null, 2) + '\n';
}
