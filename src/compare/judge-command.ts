import type { CommandFacts, CommandStep, Comparison, DocumentedOutput, Judgement, StepRun, TypedLineVerdict } from '../model.js';
import type { CompareSettings } from './comparable-lines.js';
import { documentedText } from '../note/documented-text.js';
import { compareOutput, type ComparedCommand } from './compare-output.js';
import { contextObjectNotFound } from './isolation.js';
import { clusterUnreachable } from './unreachable.js';
import { PatternTooSlow } from './tolerances/tolerance.js';

export type { Judgement };

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
  const unreachable = step.facts.kubectl && run.exitCode !== 0 ? clusterUnreachable(run.output, documentedText(step)) : undefined;
  if (unreachable) return { status: 'broken', reason: `the cluster did not answer: ${unreachable}` };
  const expected = documentedText(step);
  const absent = expected !== undefined && !step.session ? notInRunNamespace(step, expected, run, settings) : undefined;
  if (absent) return absent;
  const exit = exitVerdict(step, run);
  if (exit.status === 'broken') return exit;
  const session = step.session && run.sessionOutputs ? sessionParts(step, run.sessionOutputs, settings) : undefined;
  const typed = session ? typedLines(session) : undefined;
  const withTyped = <T extends Judgement>(judgement: T): T => (typed ? { ...judgement, typed } : judgement);
  if (expected === undefined) return withTyped(exit.status === 'pass' ? { status: 'unchecked' } : exit);
  const comparison = session ? mergedSession(session) : compareDocumented(step.output, expected, run.output, step.facts, settings);
  if (exit.status !== 'pass') return withTyped({ ...exit, comparison });
  if (comparison.matches) return withTyped({ status: 'pass', comparison });
  return withTyped({ status: 'stale', comparison, ...(silentLongRun(step, run) ? { reason: `printed nothing in ${seconds(run.durationMs)}; give it longer with --grace` } : {}) });
}

/**
 * The note shows an object only the context's own `default` holds (`describe service
 * kubernetes`), and the run namespace answers NotFound: isolation explains the difference.
 */
function notInRunNamespace(step: CommandStep, expected: string, run: StepRun, settings: CompareSettings): Judgement | undefined {
  if (step.expectedExit.kind !== 'success') return undefined;
  const object = contextObjectNotFound(run.output, step.facts, settings);
  if (!object) return undefined;
  const isolation = [object];
  return { status: 'pass', comparison: located({ matches: true, diff: [], notes: [], isolation, parts: [{ documented: expected, actual: run.output, matches: true, isolation }] }, step.output) };
}

/** A long-running command stopped before it printed anything: a diff of only `-` lines says less than this. */
function silentLongRun(step: CommandStep, run: StepRun): boolean {
  return step.longRunning && (run.stopped || run.timedOut) && run.output.trim() === '';
}

/** One piece of a session: the opening command or a typed line, what it printed, and its comparison when it documents output. */
interface SessionPart {
  line?: number;
  command: string;
  actual: string;
  comparison?: Comparison;
}

/**
 * A session compared piece by piece, once: what the opening command printed, then each
 * typed line's own output, each with the ordering rules of its own command (`printenv`
 * typed inside the pod is as unordered as it is outside).
 */
function sessionParts(step: CommandStep, pieces: string[], settings: CompareSettings): SessionPart[] {
  const part = (command: string, facts: CommandFacts, output: DocumentedOutput | undefined, actual: string, line?: number): SessionPart => ({
    ...(line === undefined ? {} : { line }),
    command,
    actual,
    ...(output ? { comparison: compareDocumented(output, output.text, actual, facts, settings) } : {}),
  });
  return [part(step.command, step.facts, step.output, pieces[0]), ...step.session!.map((line, i) => part(line.command, line.facts, line.output, pieces[i + 1] ?? '', line.line))];
}

/** Each typed line of a session with its own output and whether that output still holds. */
function typedLines(parts: SessionPart[]): TypedLineVerdict[] {
  return parts.slice(1).map((part) => {
    const { line, command, actual, comparison } = part;
    const expected = comparison?.parts?.[0].output?.text ?? null;
    if (!comparison) return { line: line!, command, status: 'unchecked', expected: null, actual };
    return { line: line!, command, status: comparison.matches ? 'pass' : 'stale', expected, actual };
  });
}

/** The session's pieces as one comparison: the diff of each piece that drifted under its typed command, every piece's alignment. */
function mergedSession(parts: SessionPart[]): Comparison {
  const merged: Comparison = { matches: true, diff: [], notes: [], parts: [] };
  for (const { command, comparison } of parts) {
    if (!comparison) continue;
    merged.parts!.push(...comparison.parts!);
    if (comparison.matches) continue;
    merged.matches = false;
    merged.diff.push({ op: ' ', text: `[typed] ${command}` }, ...comparison.diff);
    merged.notes.push(...comparison.notes);
  }
  return merged;
}

/** How the step ended against how the note says it ends. */
function exitVerdict(step: CommandStep, run: StepRun): Extract<Judgement, { status: 'pass' | 'stale' | 'broken' }> {
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
    if (withPercent.matches) return located(withPercent, output);
  }
  return located(comparison, output);
}

/** The comparison's part tied to the documented output it read, so `--update` knows where to write. */
function located(comparison: Comparison, output: DocumentedOutput | undefined): Comparison {
  return output ? { ...comparison, parts: comparison.parts!.map((part) => ({ ...part, output })) } : comparison;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
