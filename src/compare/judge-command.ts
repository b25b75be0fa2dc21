import type { CommandStep, Comparison, StepRun, StepStatus } from '../model.js';
import type { CompareSettings } from './comparable-lines.js';
import { compareOutput } from './compare-output.js';

export interface Judgement {
  status: StepStatus;
  comparison?: Comparison;
  reason?: string;
}

/**
 * A command step's verdict from its run. Broken: it failed where the note shows it
 * working, or could not run. Stale: it ran, but its output or the way it ended drifted.
 */
export function judgeCommand(step: CommandStep, run: StepRun, settings: CompareSettings): Judgement {
  if (run.timedOut && !step.longRunning) return { status: 'broken', reason: `timed out after ${seconds(run.durationMs)}` };
  if (run.exitCode === null) return { status: 'broken', reason: 'the shell running the note died during this step' };
  const exit = exitVerdict(step, run);
  if (exit.status === 'broken') return exit;
  const expected = documentedText(step);
  if (expected === undefined) return exit.status === 'pass' ? { status: 'unchecked' } : exit;
  const actual = actualText(step, run);
  let comparison = compareOutput(expected, actual, step.command, settings);
  // The `%` read as zsh's mark may have been output after all (`kubectl top`: `0%`).
  if (!comparison.matches && step.output?.droppedZshMark && !step.session) {
    const withPercent = compareOutput(`${expected}%`, actual, step.command, settings);
    if (withPercent.matches) comparison = withPercent;
  }
  if (exit.status !== 'pass') return { ...exit, comparison };
  return comparison.matches ? { status: 'pass', comparison } : { status: 'stale', comparison };
}

function exitVerdict(step: CommandStep, run: StepRun): Judgement {
  const code = run.exitCode!;
  const ended = step.longRunning && run.timedOut ? 0 : code;
  const expected = step.expectedExit;
  if (expected.kind === 'success') {
    if (ended === 0 || (step.longRunning && run.stopped)) return { status: 'pass' };
    return { status: 'broken', reason: `exited with status ${code}` };
  }
  const description = expected.kind === 'code' ? `exit status ${expected.code}` : 'a failure';
  if (ended === 0) return { status: 'stale', reason: `the note shows ${description}, but the command now succeeds` };
  if (expected.kind === 'code' && ended !== expected.code) {
    return { status: 'stale', reason: `the note shows exit status ${expected.code}, the command exited with ${code}` };
  }
  return { status: 'pass' };
}

/** What the note documents for this step, sessions included (their typed lines' outputs). */
export function documentedText(step: CommandStep): string | undefined {
  const parts = [step.output?.text, ...(step.session ?? []).map((line) => line.output?.text)];
  const present = parts.filter((part): part is string => part !== undefined);
  return present.length === 0 ? undefined : present.join('\n');
}

/** The actual output matching `documentedText`: in a session, only the typed lines that document output. */
function actualText(step: CommandStep, run: StepRun): string {
  if (!step.session || !run.sessionOutputs) return run.output;
  const parts = [step.output ? run.sessionOutputs[0] : undefined];
  step.session.forEach((line, i) => parts.push(line.output ? run.sessionOutputs![i + 1] : undefined));
  return parts.filter((part): part is string => part !== undefined).join('\n');
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
