import type { NoteResult, NoteStatus, StepStatus } from '../model.js';

export interface Summary {
  notes: Record<NoteStatus | 'total', number>;
  steps: Record<StepStatus | 'total', number>;
  durationMs: number;
}

export function summarize(results: NoteResult[], durationMs: number): Summary {
  const notes = { total: 0, fresh: 0, stale: 0, broken: 0, empty: 0, unverified: 0, interrupted: 0 };
  const steps = { total: 0, pass: 0, stale: 0, broken: 0, unchecked: 0, skipped: 0, unverified: 0 };
  for (const result of results) {
    notes.total++;
    notes[result.status]++;
    for (const verdict of result.verdicts) {
      steps.total++;
      steps[verdict.status]++;
    }
  }
  return { notes, steps, durationMs: Math.round(durationMs) };
}

/**
 * 0: every note fresh (or made fresh by `--update`), or with nothing to check (`empty`,
 * `unverified`) unless `strict`; 1: any note stale or broken.
 */
export function exitCodeOf(results: NoteResult[], strict = false): 0 | 1 {
  const settled = (result: NoteResult) =>
    result.status === 'fresh' ||
    (!strict && (result.status === 'empty' || result.status === 'unverified')) || (result.status === 'stale' && result.verdicts.every((v) => v.status !== 'stale' || v.updated));
  return results.every(settled) ? 0 : 1;
}
