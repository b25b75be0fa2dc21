import { documentedText } from '../note/documented-text.js';
import type { Verdict } from '../model.js';

// What every reporter says about a step, worded once.

export function commandOf(verdict: Verdict): string {
  const { step } = verdict;
  if (step.kind === 'yaml') return verdict.boundFile ? `yaml block (${verdict.boundFile})` : 'yaml block';
  return step.command;
}

export function expectedOf(verdict: Verdict): string | null {
  const { step } = verdict;
  if (step.kind === 'yaml') return step.source;
  return documentedText(step) ?? null;
}

export function headingPath(verdict: Verdict): string[] {
  const { context } = verdict.step;
  return context.text === '' ? context.headings : [...context.headings, context.text];
}

/** The nearest heading above the step, as the reader would name its section. */
export function headingOf(verdict: Verdict): string {
  return verdict.step.context.headings.at(-1) ?? '';
}

export function firstLine(text: string): string {
  const [first, ...rest] = text.split('\n');
  return rest.length > 0 ? `${first} …` : first;
}

/** The step reaches outside its run namespace: said on the step in every report. */
export function outsideWarning(verdict: Verdict): string | undefined {
  return verdict.step.kind === 'command' ? verdict.step.outsideRunNamespace : undefined;
}
