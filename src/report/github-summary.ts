import type { NoteResult } from '../model.js';
import { commandOf, firstLine } from './step-fields.js';
import { noteOutcome, summarize } from './summary.js';

// The Markdown a GitHub Actions job shows on its summary page (`$GITHUB_STEP_SUMMARY`):
// a table with a row per note, then the steps that need the reader, at file:line.

const ICONS = { fresh: '✅', updated: '✏️', stale: '⚠️', broken: '❌' } as const;

export function githubStepSummary(results: NoteResult[], durationMs: number): string {
  const s = summarize(results, durationMs);
  const noun = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;
  const out = [
    '## notes-run',
    '',
    `${noun(s.notes.total, 'note')}: ${s.notes.fresh} fresh, ${s.notes.stale} stale, ${s.notes.broken} broken · ${noun(s.steps.total, 'step')} in ${(durationMs / 1000).toFixed(1)} s`,
    '',
    '| Note | Status | Steps | Stale | Broken |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const result of results) {
    const outcome = noteOutcome(result);
    const count = (status: string) => result.verdicts.filter((verdict) => verdict.status === status && !verdict.updated).length;
    out.push(`| ${cell(result.file)} | ${ICONS[outcome as keyof typeof ICONS] ?? ''} ${outcome} | ${result.verdicts.length} | ${count('stale')} | ${count('broken')} |`);
  }
  const failing = results.flatMap((result) =>
    result.verdicts
      .filter((verdict) => (verdict.status === 'stale' || verdict.status === 'broken') && !verdict.updated)
      .map((verdict) => `- ${verdict.status} \`${result.file}:${verdict.step.line}\` ${cell(firstLine(commandOf(verdict)))}`),
  );
  if (failing.length > 0) out.push('', '### To look at', '', ...failing);
  return out.join('\n') + '\n\n';
}

/** Text safe inside a table cell: no pipes or line breaks. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
