import type { Colors } from 'picocolors/types.js';
import type { NoteMessage, NoteResult, StepStatus, Verdict } from '../model.js';
import { diagnosisLines } from './diagnosis-lines.js';
import { commandOf, firstLine, outsideWarning } from './step-fields.js';
import { isPortable, passCount, summarize, type Summary } from './summary.js';
import { visible } from './visible-text.js';

const MARKS: Record<StepStatus, string> = {
  pass: '✓',
  stale: '✗',
  broken: '✗',
  unchecked: '○',
  skipped: '-',
  unverified: '?',
};

export function humanNoteReport(result: NoteResult, c: Colors): string {
  const out: string[] = [];
  const title = { fresh: c.green('FRESH'), stale: c.yellow('STALE'), broken: c.red('BROKEN'), empty: c.dim('EMPTY'), unverified: c.cyan('UNVERIFIED'), interrupted: c.magenta('INTERRUPTED') }[result.status];
  out.push(`${title} ${c.bold(result.file)}`);
  let lastHeadings = '';
  let lastText = '';
  for (const verdict of result.verdicts) {
    const { headings, text } = verdict.step.context;
    const path = headings.join(' › ');
    if (path !== lastHeadings && path !== '') out.push(c.bold(`  § ${path}`));
    if ((text !== lastText || path !== lastHeadings) && text !== '') out.push(c.dim(`    ${text.split('\n')[0]}`));
    lastHeadings = path;
    lastText = text;
    out.push(...humanStepLines(result.file, verdict, c));
  }
  for (const message of result.messages) out.push(messageLine(result.file, message, c));
  out.push(c.dim(`  ${countLine(result.verdicts)} in ${seconds(result.durationMs)}`));
  return out.join('\n') + '\n';
}

/** One step as the human report shows it: status, place, command, then the diff or the error. */
export function humanStepLines(file: string, verdict: Verdict, c: Colors): string[] {
  const color = statusColor(verdict.status, c);
  const where = c.dim(`${file}:${verdict.step.line}`);
  const label = verdict.status === 'pass' ? '' : `${color(verdict.status)} `;
  // A cluster read that matched only once the cluster converged says how many runs that took.
  const tries = verdict.run && verdict.run.attempts > 1 ? c.dim(` (run ${verdict.run.attempts} times)`) : '';
  // A portable pass: `≈` and the facts that explain the difference (kubectl version, flavour).
  const mark = isPortable(verdict) ? '≈' : MARKS[verdict.status];
  const facts = isPortable(verdict) ? c.cyan(` ≈ ${verdict.comparison!.portable!.join(', ')}`) : '';
  const lines = [`      ${color(mark)} ${label}${where} ${visible(firstLine(commandOf(verdict)))}${tries}${facts}`];
  for (const typed of verdict.typed ?? []) {
    const mark = statusColor(typed.status, c)(MARKS[typed.status]);
    lines.push(`        ${mark} ${c.dim(`${file}:${typed.line}`)} ${c.dim('typed')} ${visible(firstLine(typed.command))}`);
  }
  const detail = verdict.status !== 'pass';
  const outside = outsideWarning(verdict);
  if (outside) lines.push(`          ${c.yellow(`warning: ${outside}`)}`);
  if (detail && verdict.reason) lines.push(`          ${color(visible(verdict.reason))}`);
  if (verdict.updated) lines.push(`          ${c.cyan('updated in the note (--update)')}`);
  if (detail && verdict.comparison && !verdict.comparison.matches) {
    for (const { op, text } of verdict.comparison.diff) {
      const line = { op, text: visible(text) };
      if (line.op === '-') lines.push(`          ${c.red(`- ${line.text}`)}`);
      else if (line.op === '+') lines.push(`          ${c.green(`+ ${line.text}`)}`);
      else if (line.op === '…') lines.push(`          ${c.dim(`… ${line.text}`)}`);
      else lines.push(`          ${c.dim(`  ${line.text}`)}`);
    }
    for (const note of verdict.comparison.notes) lines.push(`          ${c.cyan(`note: ${note}`)}`);
  }
  if (verdict.status === 'broken' && verdict.run && !verdict.comparison) {
    const tail = verdict.run.output.trimEnd().split('\n').slice(-8);
    for (const line of tail) if (line !== '') lines.push(`          ${c.dim(`│ ${visible(line)}`)}`);
  }
  // The cluster's word on why: the run's pods that were not Ready.
  if (detail && verdict.run?.diagnosis) {
    lines.push(`          ${c.bold('cluster:')}`);
    for (const line of diagnosisLines(verdict.run.diagnosis)) lines.push(`            ${line.startsWith(' ') ? c.dim(line) : line}`);
  }
  return lines;
}

export function messageLine(file: string, message: NoteMessage, c: Colors): string {
  const kind = message.severity === 'error' ? c.red('error') : c.cyan('hint');
  return `  ${c.dim(`${file}:${message.line}:${message.column}`)} ${kind} ${visible(message.message)}`;
}

function statusColor(status: StepStatus, c: Colors): (text: string) => string {
  if (status === 'pass') return c.green;
  if (status === 'broken') return c.red;
  if (status === 'stale') return c.yellow;
  return c.dim;
}

function countLine(verdicts: Verdict[]): string {
  const counts = new Map<StepStatus, number>();
  for (const verdict of verdicts) counts.set(verdict.status, (counts.get(verdict.status) ?? 0) + 1);
  const portable = verdicts.filter(isPortable).length;
  const parts = [...counts].map(([status, n]) => (status === 'pass' ? passCount(n, portable) : `${n} ${status}`));
  return `${verdicts.length} steps: ${parts.join(', ') || 'none'}`;
}

export function humanSummary(results: NoteResult[], durationMs: number, c: Colors): string {
  const s: Summary = summarize(results, durationMs);
  const notes = [
    s.notes.fresh && c.green(`${s.notes.fresh} fresh`),
    s.notes.stale && c.yellow(`${s.notes.stale} stale`),
    s.notes.broken && c.red(`${s.notes.broken} broken`),
    s.notes.empty && c.dim(`${s.notes.empty} empty`),
    s.notes.unverified && c.cyan(`${s.notes.unverified} unverified`),
    s.notes.interrupted && c.magenta(`${s.notes.interrupted} interrupted`),
  ].filter(Boolean);
  const steps = (['pass', 'stale', 'broken', 'unchecked', 'skipped', 'unverified'] as const)
    .filter((status) => s.steps[status] > 0)
    .map((status) => (status === 'pass' ? passCount(s.steps.pass, s.portable) : `${s.steps[status]} ${status}`));
  const noun = s.notes.total === 1 ? 'note' : 'notes';
  return `\n${s.notes.total} ${noun}: ${notes.join(', ')} · steps: ${steps.join(', ') || 'none'} · ${seconds(durationMs)}\n`;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
