import { renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import type { CompareSettings } from '../compare/comparable-lines.js';
import { compareOutput } from '../compare/compare-output.js';
import type { CommandStep, DocumentedOutput, NoteResult, Verdict } from '../model.js';
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
  all = false,
): { text: string; steps: number[] } | undefined {
  const lines = source.split('\n');
  const parts = rewritable(result, all)
    .filter(accepted)
    .flatMap((verdict) => driftedParts(verdict, settings));
  // Bottom-up, so line numbers above stay valid while lines below change count.
  for (const { output, actual } of parts.sort((a, b) => b.output.firstLine - a.output.firstLine)) {
    const { firstLine, lastLine } = output;
    const indent = fenceIndent(lines, firstLine);
    const old = lines.slice(firstLine - 1, lastLine);
    const ending = old[0]?.endsWith('\r') ? '\r' : '';
    const zsh = /%\s*\r?$/.test(old[old.length - 1] ?? '') && !actual.endsWith('\n');
    const text = rewriteOutput(output.text, actual, settings);
    if (zsh && text.length > 0) text[text.length - 1] += '%';
    const written = text.map((line) => styled(line, output.style, old, indent) + ending);
    lines.splice(firstLine - 1, lastLine - firstLine + 1, ...written);
  }
  const text = lines.join('\n');
  const steps = [...new Set(parts.map((part) => part.step))].sort((a, b) => a - b);
  return steps.length === 0 || text === source ? undefined : { text, steps };
}

/**
 * Stale steps whose documented output `--update` knows how to rewrite; with `all`
 * (`--update=all`) also the steps that pass only as portable.
 */
export function rewritable(result: NoteResult, all = false): Verdict[] {
  return result.verdicts.filter(
    (v) => v.step.kind === 'command' && v.run && v.comparison && ((v.status === 'stale' && !v.comparison.matches) || (all && v.status === 'pass' && v.comparison.portable)),
  );
}

interface DriftedPart {
  step: number;
  output: DocumentedOutput;
  actual: string;
}

/**
 * The documented outputs of a stale step that drifted, each with what its command
 * printed: the step's own, or in a session each typed line's that no longer matches.
 */
function driftedParts(verdict: Verdict, settings: CompareSettings): DriftedPart[] {
  const step = verdict.step as CommandStep;
  const run = verdict.run!;
  const part = (output: DocumentedOutput | undefined, actual: string | undefined, command: string): DriftedPart[] =>
    output && actual !== undefined && !compareOutput(output.text, actual, command, settings).matches
      ? [{ step: step.line, output, actual }]
      : [];
  if (!step.session) return part(step.output, run.output, step.command);
  if (!run.sessionOutputs) return [];
  return [
    ...part(step.output, run.sessionOutputs[0], step.command),
    ...step.session.flatMap((line, i) => part(line.output, run.sessionOutputs![i + 1], line.command)),
  ];
}

/** The indentation of the fence of the block holding `line`: list items indent their blocks. */
function fenceIndent(lines: string[], line: number): string {
  for (let i = line - 2; i >= 0; i--) {
    const fence = /^(\s*)(`{3,}|~{3,})/.exec(lines[i]);
    if (fence) return fence[1];
  }
  return '';
}

/** A line written the way the note already writes this output: the `#` prefix of its first line, or the block's indentation. */
function styled(line: string, style: DocumentedOutput['style'], old: string[], indent: string): string {
  if (style === 'comment') {
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
