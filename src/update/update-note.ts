import { renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import type { CompareSettings } from '../compare/comparable-lines.js';
import type { CommandStep, NoteResult, Verdict } from '../model.js';
import { rewriteOutput } from './rewrite-output.js';

/**
 * The note with each drifted documented output rewritten from the actual output, in the
 * note's own style; every other byte as it was. Undefined when nothing needs rewriting.
 */
export function updatedNote(
  source: string,
  result: NoteResult,
  settings: CompareSettings,
  accepted: (verdict: Verdict) => boolean = () => true,
): { text: string; steps: number[] } | undefined {
  const lines = source.split('\n');
  const updated: number[] = [];
  const stale = rewritable(result).filter(accepted);
  // Bottom-up, so line numbers above stay valid while lines below change count.
  for (const verdict of stale.sort((a, b) => b.step.line - a.step.line)) {
    const step = verdict.step as CommandStep;
    const { firstLine, lastLine } = step.output!;
    const old = lines.slice(firstLine - 1, lastLine);
    const ending = old[0]?.endsWith('\r') ? '\r' : '';
    const zsh = /%\s*\r?$/.test(old[old.length - 1] ?? '') && !verdict.run!.output.endsWith('\n');
    const text = rewriteOutput(step.output!.text, verdict.run!.output, settings);
    if (zsh && text.length > 0) text[text.length - 1] += '%';
    const written = text.map((line) => styled(line, step, old) + ending);
    lines.splice(firstLine - 1, lastLine - firstLine + 1, ...written);
    updated.push(step.line);
  }
  const text = lines.join('\n');
  return updated.length === 0 || text === source ? undefined : { text, steps: updated.reverse() };
}

/** Stale steps whose documented output `--update` knows how to rewrite. */
export function rewritable(result: NoteResult): Verdict[] {
  return result.verdicts.filter(
    (v) => v.status === 'stale' && v.step.kind === 'command' && v.run && v.comparison && !v.comparison.matches && v.step.output && !v.step.session,
  );
}

/** A line written the way the note already writes this output (`#` prefix, indentation). */
function styled(line: string, step: CommandStep, old: string[]): string {
  const indent = step.block.indent;
  if (step.output!.style === 'comment') {
    const prefix = /^(\s*#)( ?)/.exec(old[0] ?? '') ?? [`${indent}# `, `${indent}#`, ' '];
    return line === '' ? prefix[1] : `${prefix[1]}${prefix[2] || ' '}${line}`;
  }
  return line === '' ? '' : `${indent}${line}`;
}

/** Replaces the note in one step: a crash mid-write leaves the old note, never half of a new one. */
export function writeNoteAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.notes-run-${process.pid}.tmp`);
  writeFileSync(temporary, text, { mode: statSync(path).mode });
  renameSync(temporary, path);
}
