import type { Note, NoteResult, Step } from '../model.js';

/**
 * `--step LINE`: the step at (or containing) each line, and the note cut after the last
 * of them, because the steps before set up the shell and the cluster it depends on.
 */
export function selectSteps(note: Note, lines: number[]): { note: Note; selected: Set<Step> } | undefined {
  if (lines.length === 0) return undefined;
  const selected = new Set<Step>();
  for (const line of lines) {
    const step = note.steps.filter((s) => s.line <= line).at(-1);
    if (step) selected.add(step);
  }
  const last = Math.max(...[...selected].map((step) => step.line));
  return { note: { ...note, steps: note.steps.filter((step) => step.line <= last) }, selected };
}

export function onlySelected(result: NoteResult, selected: Set<Step>): NoteResult {
  return { ...result, verdicts: result.verdicts.filter((verdict) => selected.has(verdict.step)) };
}
