import type { Note, NoteResult, Step } from '../model.js';

/**
 * `--step LINE`: the step at (or containing) each line, and the note cut after the last
 * of them, because the steps before set up the shell and the cluster it depends on.
 */
export function selectSteps(note: Note, lines: number[]): { note: Note; selected: Set<Step> } | undefined {
  if (lines.length === 0) return undefined;
  const selected = new Set<Step>();
  for (const line of lines) {
    const step = stepAt(note, line);
    if (step) selected.add(step);
  }
  const last = Math.max(...[...selected].map((step) => step.line));
  return { note: { ...note, steps: note.steps.filter((step) => step.line <= last) }, selected };
}

/** The step whose lines hold `line`, or the nearest one above it; none past the last step's end. */
export function stepAt(note: Note, line: number): Step | undefined {
  const step = note.steps.filter((s) => s.line <= line).at(-1);
  const last = note.steps.at(-1);
  return step && last && line <= lastLineOf(last) ? step : undefined;
}

function lastLineOf(step: Step): number {
  if (step.kind === 'yaml') return step.line + step.source.split('\n').length + 1;
  const ends = [step.line + step.command.split('\n').length - 1, step.output?.lastLine ?? 0];
  for (const typed of step.session ?? []) ends.push(typed.output?.lastLine ?? typed.line);
  return Math.max(...ends);
}

export function onlySelected(result: NoteResult, selected: Set<Step>): NoteResult {
  return { ...result, verdicts: result.verdicts.filter((verdict) => selected.has(verdict.step)) };
}
