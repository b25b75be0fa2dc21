import type { Colors } from 'picocolors/types.js';
import type { NoteMessage, NoteResult, StepStatus, Verdict } from '../model.js';
import { commandOf, firstLine, outsideWarning } from './step-fields.js';
import { statusColor, stepLines } from './step-lines.js';
import { isPortable, noteOutcome, passCount, summarize, type Summary } from './summary.js';
import { visible } from './visible-text.js';

/**
 * How much the human report says, as vitest and ESLint do it. `compact` (default): one
 * line per fresh note, every stale or broken step in full. `verbose`: every step.
 * `quiet` (the pre-commit hook): only problems, nothing at all when every note is fresh.
 */
export type HumanView = 'compact' | 'verbose' | 'quiet';

/** The steps a view shows with their headings: all of them, or those that need the reader. */
const SHOWN: Record<HumanView, (verdict: Verdict) => boolean> = {
  verbose: () => true,
  // A step that reaches outside its run namespace carries its warning in every report.
  compact: (verdict) => needsReader(verdict.status) || outsideWarning(verdict) !== undefined,
  quiet: (verdict) => needsReader(verdict.status),
};

const needsReader = (status: StepStatus): boolean => status === 'stale' || status === 'broken';

export function humanNoteReport(result: NoteResult, c: Colors, view: HumanView = 'compact'): string {
  const outcome = noteOutcome(result);
  if (view === 'quiet' && outcome !== 'stale' && outcome !== 'broken' && outcome !== 'interrupted') return '';
  const titles: Record<string, string> = {
    fresh: c.green('FRESH'),
    updated: c.cyan('UPDATED'),
    stale: c.yellow('STALE'),
    broken: c.red('BROKEN'),
    empty: c.dim('EMPTY'),
    unverified: c.cyan('UNVERIFIED'),
    interrupted: c.magenta('INTERRUPTED'),
  };
  const title = titles[outcome] ?? c.dim(outcome.toUpperCase());
  const out = [`${title} ${c.bold(result.file)} ${c.dim(`${countLine(result.verdicts)} in ${seconds(result.durationMs)}`)}`];
  let lastHeadings = '';
  let lastText = '';
  // A note stopped halfway shows every step it reached: the reader needs to see where it stopped.
  const shown = outcome === 'interrupted' ? SHOWN.verbose : SHOWN[view];
  for (const verdict of result.verdicts) {
    if (!shown(verdict) && !verdict.updated) continue;
    const { headings, text } = verdict.step.context;
    const path = headings.join(' › ');
    if (path !== lastHeadings && path !== '') out.push(c.bold(`  § ${path}`));
    if ((text !== lastText || path !== lastHeadings) && text !== '') out.push(c.dim(`    ${text.split('\n')[0]}`));
    lastHeadings = path;
    lastText = text;
    out.push(...stepLines(result.file, verdict, c));
  }
  for (const message of result.messages) if (view !== 'quiet' || message.severity === 'error') out.push(messageLine(result.file, message, c));
  return out.join('\n') + '\n';
}

/** Kept for callers of one step with its explanation (`--update -i` uses stepLines). */
export const humanStepLines = (file: string, verdict: Verdict, c: Colors): string[] => stepLines(file, verdict, c);

export function messageLine(file: string, message: NoteMessage, c: Colors): string {
  const kind = message.severity === 'error' ? c.red('error') : c.cyan('hint');
  return `  ${c.dim(`${file}:${message.line}:${message.column}`)} ${kind} ${visible(message.message)}`;
}

/**
 * The closing list of everything that needs the reader, one line each with its
 * `file:line`, so a long run need not be scrolled back through.
 */
export function humanRecap(results: NoteResult[], c: Colors): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const verdict of result.verdicts) {
      if (!needsReader(verdict.status) || verdict.updated) continue;
      const color = statusColor(verdict.status, c);
      lines.push(`  ${color(verdict.status.padEnd(6))} ${result.file}:${verdict.step.line} ${c.dim(visible(firstLine(commandOf(verdict))))}`);
    }
    for (const message of result.messages) {
      if (message.severity === 'error') lines.push(`  ${c.red('error ')} ${result.file}:${message.line}:${message.column} ${c.dim(visible(message.message))}`);
    }
  }
  if (lines.length === 0) return '';
  return `\n${c.bold(`To look at (${lines.length}):`)}\n${lines.join('\n')}\n`;
}

function countLine(verdicts: Verdict[]): string {
  const counts = new Map<string, number>();
  for (const verdict of verdicts) {
    const status = verdict.updated ? 'updated' : verdict.status;
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const portable = verdicts.filter(isPortable).length;
  const parts = [...counts].sort(([a], [b]) => rank(a) - rank(b)).map(([status, n]) => (status === 'pass' ? passCount(n, portable) : `${n} ${status}`));
  return `${verdicts.length} ${verdicts.length === 1 ? 'step' : 'steps'}: ${parts.join(', ') || 'none'}`;
}

export function humanSummary(results: NoteResult[], durationMs: number, c: Colors): string {
  const s: Summary = summarize(results, durationMs);
  const notes = [
    s.notes.fresh && c.green(`${s.notes.fresh} fresh`),
    s.notes.updated && c.cyan(`${s.notes.updated} updated`),
    s.notes.stale && c.yellow(`${s.notes.stale} stale`),
    s.notes.broken && c.red(`${s.notes.broken} broken`),
    s.notes.empty && c.dim(`${s.notes.empty} empty`),
    s.notes.unverified && c.cyan(`${s.notes.unverified} unverified`),
    s.notes.interrupted && c.magenta(`${s.notes.interrupted} interrupted`),
  ].filter(Boolean);
  const steps = (ORDER as (keyof Summary['steps'])[])
    .filter((status) => s.steps[status] > 0)
    .map((status) => (status === 'pass' ? passCount(s.steps.pass, s.portable) : `${s.steps[status]} ${status}`));
  const noun = s.notes.total === 1 ? 'note' : 'notes';
  return `\n${s.notes.total} ${noun}: ${notes.join(', ')} · steps: ${steps.join(', ') || 'none'} · ${seconds(durationMs)}\n`;
}

/** Counts read in the same order everywhere; a status not listed here goes last. */
const ORDER = ['pass', 'updated', 'stale', 'broken', 'unchecked', 'skipped', 'unverified'];
const rank = (status: string): number => (ORDER.includes(status) ? ORDER.indexOf(status) : ORDER.length);

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
