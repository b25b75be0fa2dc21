import type { DocumentedOutput } from '../model.js';

/** What the note documents for a command, a session's typed lines included, joined; undefined when nothing. */
export function documentedText(step: { output?: DocumentedOutput; session?: { output?: DocumentedOutput }[] }): string | undefined {
  if (!step.session) return step.output?.text;
  const parts = [step.output, ...(step.session ?? []).map((line) => line.output)].filter((part) => part !== undefined);
  return parts.length === 0 ? undefined : parts.map((part) => part.text).join('\n');
}
