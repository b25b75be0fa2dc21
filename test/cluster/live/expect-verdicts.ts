import { expect } from 'vitest';
import type { JsonStep } from '../../e2e/workspace.js';
import { showsLimit, type ClusterLimit } from './limits.js';
import type { LiveRun } from './live-workspace.js';

/** [line, status, how the command starts, the limit of this cluster that gives it another verdict than k3d's]. */
export type Expected = [line: number, status: string, command: string, limit?: ClusterLimit];

/** Every step of the run's one note has its expected verdict, a limit shows in its output, and no other step is reported. */
export function expectVerdicts(run: LiveRun, expected: Expected[]): void {
  const steps = run.report.notes[0].steps;
  for (const [line, status, command, limit] of expected) {
    const step = steps.find((s) => s.line === line);
    expect(step, `a step at line ${line} (${command})`).toBeDefined();
    const why = limit ? `\nhere because: ${limit.why}` : '';
    expect({ line, status: step!.status }, `${line}: ${step!.command}\n${step!.reason ?? ''}${why}\n--- actual:\n${step!.actual ?? ''}`).toEqual({ line, status });
    expect(step!.command.startsWith(command), `line ${line} is "${step!.command}"`).toBe(true);
    if (limit) expect(showsLimit(step!, limit), `line ${line} no longer shows: ${limit.why}\n--- actual:\n${step!.actual ?? ''}`).toBe(true);
  }
  const known = new Set(expected.map(([line]) => line));
  const others = steps.filter((step: JsonStep) => !known.has(step.line)).map((step) => [step.line, step.status, step.command.slice(0, 60)]);
  expect(others, 'steps nobody expected').toEqual([]);
}
