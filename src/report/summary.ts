import type { NoteResult, NoteStatus, StepStatus, Verdict } from '../model.js';

export interface Summary {
  notes: Record<NoteStatus | 'total', number>;
  steps: Record<StepStatus | 'total', number>;
  /** Passing steps that pass only as portable (counted among `steps.pass` too). */
  portable: number;
  durationMs: number;
}

export function summarize(results: NoteResult[], durationMs: number): Summary {
  const notes = { total: 0, fresh: 0, stale: 0, broken: 0, empty: 0, unverified: 0, interrupted: 0 };
  const steps = { total: 0, pass: 0, stale: 0, broken: 0, unchecked: 0, skipped: 0, unverified: 0 };
  let portable = 0;
  for (const result of results) {
    notes.total++;
    notes[result.status]++;
    for (const verdict of result.verdicts) {
      steps.total++;
      steps[verdict.status]++;
      if (isPortable(verdict)) portable++;
    }
  }
  return { notes, steps, portable, durationMs: Math.round(durationMs) };
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

/** A step that passes only because its differences are portable (kubectl version, flavour). */
export function isPortable(verdict: Verdict): boolean {
  return verdict.status === 'pass' && (verdict.comparison?.portable?.length ?? 0) > 0;
}

/** `12 pass (3 portable)`: how a count of passing steps reads with its portable ones. */
export function passCount(pass: number, portable: number): string {
  return portable > 0 ? `${pass} pass (${portable} portable)` : `${pass} pass`;
}
