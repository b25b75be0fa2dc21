import type { Colors } from 'picocolors/types.js';
import type { NotePlan, PlannedStep } from './plan-note.js';

// The plan as a person reads it: one line per step, aligned (Korean counts two columns),
// and as JSON with the report's step fields plus where each documented output sits.

export function jsonPlan(plans: NotePlan[]): string {
  const notes = plans.map((plan) => ({
    file: plan.file,
    status: 'planned',
    steps: plan.steps.map((step) => ({ ...step, actual: null, exitCode: null, durationMs: 0 })),
    messages: plan.messages,
  }));
  const count = (status: PlannedStep['status']) => plans.reduce((n, plan) => n + plan.steps.filter((step) => step.status === status).length, 0);
  const summary = { notes: plans.length, steps: { total: count('run') + count('skipped') + count('broken'), run: count('run'), skipped: count('skipped'), broken: count('broken') } };
  return JSON.stringify({ notes, summary }, null, 2) + '\n';
}

const COMMAND_WIDTH = 56;

export function humanPlan(plan: NotePlan, c: Colors): string {
  const out: string[] = [];
  const runs = plan.steps.filter((step) => step.status === 'run').length;
  out.push(`${c.bold('PLAN')} ${c.bold(plan.file)} ${c.dim(`(${plan.steps.length} steps: ${runs} run, ${plan.steps.length - runs} not)`)}`);
  const lineWidth = String(Math.max(0, ...plan.steps.map((step) => step.line))).length;
  let lastHeadings = '';
  for (const step of plan.steps) {
    const path = step.headings.join(' › ');
    if (path !== lastHeadings && path !== '') out.push(c.bold(`  § ${path}`));
    lastHeadings = path;
    const label = step.reading === 'typed' ? '  typed' : step.status === 'run' ? step.reading : step.status;
    const color = step.status === 'broken' ? c.red : step.status === 'skipped' ? c.dim : (text: string) => text;
    const command = fit(firstLine(step.command), COMMAND_WIDTH);
    const detail = [
      step.outputLines ? `output ${span(step.outputLines)}` : '',
      step.expectedExit ? `expects ${step.expectedExit}` : '',
      step.remarks ? `${step.remarks.length} remark${step.remarks.length === 1 ? '' : 's'}` : '',
      step.editorBuffer ? `editor buffer ${span(step.editorBuffer)}` : '',
      step.reason ?? '',
    ].filter(Boolean);
    out.push(`    ${String(step.line).padStart(lineWidth)}  ${color(pad(label, 12))} ${pad(command, COMMAND_WIDTH)}  ${c.dim(detail.join(' · '))}`.trimEnd());
  }
  for (const message of plan.messages) {
    const kind = message.severity === 'error' ? c.red('error') : c.cyan('hint');
    out.push(`  ${c.dim(`${plan.file}:${message.line}:${message.column}`)} ${kind} ${message.message}`);
  }
  return out.join('\n') + '\n';
}

const span = ([first, last]: [number, number]): string => (first === last ? `${first}` : `${first}-${last}`);

function firstLine(text: string): string {
  const [first, ...rest] = text.split('\n');
  return rest.length > 0 ? `${first} …` : first;
}

/** Columns a terminal gives the text: Hangul, CJK and full-width forms take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function fit(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (displayWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}
