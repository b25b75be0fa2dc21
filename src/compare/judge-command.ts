import type { CommandStep, Comparison, DocumentedOutput, StepRun, StepStatus, TypedLineVerdict } from '../model.js';
import type { CompareSettings } from './comparable-lines.js';
import { documentedText } from '../note/documented-text.js';
import { compareOutput, type ComparedCommand } from './compare-output.js';
import { PatternTooSlow } from './tolerances/tolerance.js';

export interface Judgement {
  status: StepStatus;
  comparison?: Comparison;
  reason?: string;
  typed?: TypedLineVerdict[];
}

/**
 * A command step's verdict from its run. Broken: it failed where the note shows it
 * working, or could not run. Stale: it ran, but its output or the way it ended drifted.
 */
export function judgeCommand(step: CommandStep, run: StepRun, settings: CompareSettings): Judgement {
  try {
    return judged(step, run, settings);
  } catch (error) {
    // A config pattern that ran out of time fails this step, not the run.
    if (error instanceof PatternTooSlow) return { status: 'broken', reason: error.message };
    throw error;
  }
}

function judged(step: CommandStep, run: StepRun, settings: CompareSettings): Judgement {
  if (run.timedOut && !step.longRunning) return { status: 'broken', reason: `timed out after ${seconds(run.durationMs)}` };
  if (run.exitCode === null) return { status: 'broken', reason: 'the shell running the note died during this step' };
  const exit = exitVerdict(step, run);
  if (exit.status === 'broken') return exit;
  const expected = documentedText(step);
  const typed = step.session && run.sessionOutputs ? typedLines(step, run.sessionOutputs, settings) : undefined;
  const withTyped = <T extends Judgement>(judgement: T): T => (typed ? { ...judgement, typed } : judgement);
  if (expected === undefined) return withTyped(exit.status === 'pass' ? { status: 'unchecked' } : exit);
  const comparison =
    step.session && run.sessionOutputs ? compareSession(step, run.sessionOutputs, settings) : compareDocumented(step.output, expected, run.output, { ...step.facts, text: step.command }, settings);
  if (exit.status !== 'pass') return withTyped({ ...exit, comparison });
  return withTyped(comparison.matches ? { status: 'pass', comparison } : { status: 'stale', comparison });
}

/** Each typed line of a session with its own output and whether that output still holds. */
function typedLines(step: CommandStep, pieces: string[], settings: CompareSettings): TypedLineVerdict[] {
  return step.session!.map((line, i) => {
    const actual = pieces[i + 1] ?? '';
    if (!line.output) return { line: line.line, command: line.command, status: 'unchecked', expected: null, actual };
    const holds = compareDocumented(line.output, line.output.text, actual, { ...line.facts, text: line.command }, settings).matches;
    return { line: line.line, command: line.command, status: holds ? 'pass' : 'stale', expected: line.output.text, actual };
  });
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

/**
 * A session compared piece by piece: what the opening command printed, then each typed
 * line's own output, each with the ordering rules of its own command (`printenv` typed
 * inside the pod is as unordered as it is outside).
 */
function compareSession(step: CommandStep, pieces: string[], settings: CompareSettings): Comparison {
  const parts = [{ command: step.command, facts: step.facts, output: step.output, actual: pieces[0] }];
  step.session!.forEach((line, i) => parts.push({ command: line.command, facts: line.facts, output: line.output, actual: pieces[i + 1] ?? '' }));
  const merged: Comparison = { matches: true, diff: [], notes: [] };
  for (const part of parts) {
    if (!part.output) continue;
    const comparison = compareDocumented(part.output, part.output.text, part.actual, { ...part.facts, text: part.command }, settings);
    if (comparison.matches) continue;
    merged.matches = false;
    merged.diff.push({ op: ' ', text: `[typed] ${part.command}` }, ...comparison.diff);
    merged.notes.push(...comparison.notes);
  }
  return merged;
}

/** One documented output against what its command printed. */
function compareDocumented(
  output: DocumentedOutput | undefined,
  expected: string,
  actual: string,
  command: ComparedCommand,
  settings: CompareSettings,
): Comparison {
  const comparison = compareOutput(expected, actual, command, settings);
  // The `%` read as zsh's mark may have been output after all (`kubectl top`: `0%`).
  if (!comparison.matches && output?.droppedZshMark) {
    const withPercent = compareOutput(`${expected}%`, actual, command, settings);
    if (withPercent.matches) return withPercent;
  }
  return comparison;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
