import type { NoteResult, Verdict } from '../model.js';
import { diagnosisLines } from './diagnosis-lines.js';
import { commandOf, firstLine, headingPath, outsideWarning } from './step-fields.js';
import { summarize } from './summary.js';
import { visible } from './visible-text.js';

// GitHub Actions workflow commands: each stale or broken step becomes an annotation
// on its line of the note in the pull request's diff.

export function githubReport(results: NoteResult[], durationMs: number): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const verdict of result.verdicts) {
      const outside = outsideWarning(verdict);
      if (outside) lines.push(`::warning file=${property(result.file)},line=${verdict.step.line},title=${property('outside the run namespace')}::${data(outside)}`);
      if (verdict.status !== 'stale' && verdict.status !== 'broken') continue;
      const level = verdict.status === 'broken' ? 'error' : 'warning';
      const title = `${verdict.status}: ${firstLine(commandOf(verdict))}`;
      lines.push(`::${level} file=${property(result.file)},line=${verdict.step.line},title=${property(title)}::${data(message(verdict))}`);
    }
    for (const m of result.messages) {
      const level = m.severity === 'error' ? 'error' : 'notice';
      lines.push(`::${level} file=${property(result.file)},line=${m.line},col=${m.column}::${data(m.message)}`);
    }
  }
  const s = summarize(results, durationMs);
  const counts = (['fresh', 'updated', 'stale', 'broken', 'interrupted'] as const).filter((status) => !['updated', 'interrupted'].includes(status) || s.notes[status] > 0);
  lines.push(`notes-run: ${s.notes.total} ${s.notes.total === 1 ? 'note' : 'notes'}: ${counts.map((status) => `${s.notes[status]} ${status}`).join(', ')}`);
  return lines.join('\n') + '\n';
}

function message(verdict: Verdict): string {
  const parts = [headingPath(verdict).join(' › ')];
  if (verdict.reason) parts.push(verdict.reason);
  for (const line of verdict.comparison?.diff ?? []) if (line.op !== ' ') parts.push(`${line.op} ${line.text}`);
  for (const note of verdict.comparison?.notes ?? []) parts.push(`note: ${note}`);
  if (verdict.run?.diagnosis) parts.push('cluster:', ...diagnosisLines(verdict.run.diagnosis));
  return parts.filter(Boolean).join('\n');
}

const data = (text: string): string => visible(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text: string): string => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
