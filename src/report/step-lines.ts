import type { Colors } from 'picocolors/types.js';
import type { DiffLine, StepStatus, Verdict } from '../model.js';
import { diagnosisLines } from './diagnosis-lines.js';
import { commandOf, firstLine, outsideWarning } from './step-fields.js';
import { isPortable } from './summary.js';
import { visible } from './visible-text.js';

// One step as the human report (and `--update -i`) shows it: a line with a mark, the
// place and the command, then the lines that explain it. Each piece is a small rule in
// a list, so a new kind of mark or explanation is one more entry.

const MARKS: Record<StepStatus | 'updated', string> = {
  pass: '✓',
  updated: '✎',
  stale: '✗',
  broken: '✗',
  unchecked: '○',
  skipped: '-',
  unverified: '?',
};

const INDENT = '          ';

/** Words after the command on the step's own line. */
type AfterCommand = (verdict: Verdict, c: Colors) => string | undefined;

/** Lines under a step that did not pass, in this order. */
type Detail = (verdict: Verdict, c: Colors) => string[];

const AFTER_COMMAND: AfterCommand[] = [reruns, portableFacts, isolationFacts, maskedValues];

/** Lines under any step, passed or not. */
const ALWAYS: Detail[] = [outside];

const DETAILS: Detail[] = [reason, updated, diff, driftNotes, outputTail, diagnosis];

/** `detail`: also the lines that explain a step that did not pass (the diff, the error). */
export function stepLines(file: string, verdict: Verdict, c: Colors, detail = true): string[] {
  const shown = verdict.updated ? 'updated' : verdict.status;
  const color = verdict.updated ? c.cyan : statusColor(verdict.status, c);
  const label = shown === 'pass' ? '' : `${color(shown)} `;
  const after = AFTER_COMMAND.map((rule) => rule(verdict, c)).filter(Boolean);
  // A portable pass: `≈`, and the facts named after the command.
  const mark = isPortable(verdict) || isIsolated(verdict) ? '≈' : MARKS[shown];
  const head = `      ${color(mark)} ${label}${c.dim(`${file}:${verdict.step.line}`)} ${visible(firstLine(commandOf(verdict)))}`;
  const lines = [[head, ...after].join(' '), ...typedLines(file, verdict, c)];
  for (const rule of ALWAYS) lines.push(...rule(verdict, c).map((line) => `${INDENT}${line}`));
  if (detail && verdict.status !== 'pass') for (const rule of DETAILS) lines.push(...rule(verdict, c).map((line) => `${INDENT}${line}`));
  return lines;
}

export function statusColor(status: StepStatus, c: Colors): (text: string) => string {
  if (status === 'pass') return c.green;
  if (status === 'broken') return c.red;
  if (status === 'stale') return c.yellow;
  return c.dim;
}

/** A cluster read re-run until it matched: say why it took several runs. */
function reruns(verdict: Verdict, c: Colors): string | undefined {
  const attempts = verdict.run?.attempts ?? 1;
  if (attempts <= 1) return undefined;
  // More time helps only an output that was still changing; one that settled on something else will not match later.
  const hint = verdict.run?.settled ? '' : '; --converge gives it longer';
  const outcome = verdict.status === 'pass' ? '' : `, never matching${hint}`;
  return c.dim(`(run ${attempts} times while the cluster converged${outcome})`);
}

/** Each line typed into a session, under the step that opened it, with its own mark. */
function typedLines(file: string, verdict: Verdict, c: Colors): string[] {
  return (verdict.typed ?? []).map((typed) => {
    const mark = statusColor(typed.status, c)(MARKS[typed.status]);
    return `        ${mark} ${c.dim(`${file}:${typed.line}`)} ${c.dim('typed')} ${visible(firstLine(typed.command))}`;
  });
}

function outside(verdict: Verdict, c: Colors): string[] {
  const warning = outsideWarning(verdict);
  return warning ? [c.yellow(`warning: ${warning}`)] : [];
}

function reason(verdict: Verdict, c: Colors): string[] {
  return verdict.reason ? [statusColor(verdict.status, c)(visible(verdict.reason))] : [];
}

function updated(verdict: Verdict, c: Colors): string[] {
  return verdict.updated ? [c.cyan('rewritten in the note (--update) to what the command printed:')] : [];
}

function diff(verdict: Verdict, c: Colors): string[] {
  const comparison = verdict.comparison;
  if (!comparison || comparison.matches) return [];
  return comparison.diff.map((line) => diffLine(line, c));
}

/**
 * `-` documented, `+` actual. Words that really changed stand out; values a tolerance
 * accepted (an IP, an age) are dimmed, since they are not what made the step stale.
 */
export function diffLine(line: DiffLine, c: Colors): string {
  if (line.op === '…') return c.dim(`… ${visible(line.text)}`);
  if (line.op === ' ') return c.dim(`  ${visible(line.text)}`);
  const color = line.op === '-' ? c.red : c.green;
  if (!line.words) return color(`${line.op} ${visible(line.text)}`);
  const words = line.words.map((part) => {
    if (part.change === 'changed') return c.bold(c.inverse(color(visible(part.text))));
    if (part.change === 'tolerated') return c.dim(visible(part.text));
    return color(visible(part.text));
  });
  return `${color(`${line.op} `)}${words.join('')}`;
}

function driftNotes(verdict: Verdict, c: Colors): string[] {
  return (verdict.comparison?.matches === false ? verdict.comparison.notes : []).map((note) => c.cyan(`note: ${note}`));
}

/** A broken command with nothing to compare: the last lines it printed. */
function outputTail(verdict: Verdict, c: Colors): string[] {
  if (verdict.status !== 'broken' || !verdict.run || verdict.comparison) return [];
  const tail = verdict.run.output.trimEnd().split('\n').slice(-8);
  return tail.filter((line) => line !== '').map((line) => c.dim(`│ ${visible(line)}`));
}

/** The facts (kubectl version, cluster flavour) that explain a portable pass. */
function portableFacts(verdict: Verdict, c: Colors): string | undefined {
  return isPortable(verdict) ? c.cyan(`≈ ${verdict.comparison!.portable!.join(', ')}`) : undefined;
}

/** A pass that needed the run namespace's difference from `default` set aside (the `kubernetes` Service). */
const isIsolated = (verdict: Verdict): boolean => verdict.status === 'pass' && (verdict.comparison?.isolation?.length ?? 0) > 0;

/** What isolation explained: the context's own objects the run namespace lacks. */
function isolationFacts(verdict: Verdict, c: Colors): string | undefined {
  return isIsolated(verdict) ? c.cyan(`≈ isolation: ${verdict.comparison!.isolation!.join(', ')}`) : undefined;
}

/** The cluster's word on why: the run's pods that were not Ready. */
function diagnosis(verdict: Verdict, c: Colors): string[] {
  if (!verdict.run?.diagnosis) return [];
  return [c.bold('cluster:'), ...diagnosisLines(verdict.run.diagnosis).map((line) => `  ${line.startsWith(' ') ? c.dim(line) : line}`)];
}

/** Secret values held masked (by the snapshot, or by a live run that knew them), which the step took as the note documents them. */
function maskedValues(verdict: Verdict, c: Colors): string | undefined {
  const masked = verdict.comparison?.masked;
  return masked ? c.dim(`(${masked === 1 ? 'a secret value' : `${masked} secret values`} held as <masked> taken as documented)`) : undefined;
}
