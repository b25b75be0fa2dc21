import { accessSync, constants, readFileSync, realpathSync, statSync } from 'node:fs';
import type { ComparedOutput, DocumentedOutput, NoteMessage, NoteResult, Verdict } from '../model.js';
import { writeAtomically } from '../files/atomic-write.js';
import { joinNoteLines, splitNoteLines } from '../note/note-lines.js';
import { digestOf } from '../note/read-note-file.js';
import { outageOf } from './outage.js';
import { rewriteOutput } from './rewrite-output.js';

/**
 * The note with each drifted documented output rewritten from the actual output, in the
 * note's own style; every other byte as it was. Undefined when nothing needs rewriting.
 * What drifted and how its lines pair up is read from the verdicts' comparisons: the
 * rewrite never judges again, so it changes exactly what judging found drifted.
 */
export function updatedNote(
  source: string,
  result: NoteResult,
  accepted: (verdict: Verdict) => boolean = () => true,
  all = false,
): { text: string; steps: number[] } | undefined {
  const { lines, breaks } = splitNoteLines(source);
  const parts = rewritable(result, all)
    .filter(accepted)
    .flatMap((verdict) => driftedParts(verdict, all));
  // Bottom-up, so line numbers above stay valid while lines below change count.
  for (const { output, part } of parts.sort((a, b) => b.output.firstLine - a.output.firstLine)) {
    const { firstLine, lastLine } = output;
    const indent = fenceIndent(lines, firstLine);
    const old = lines.slice(firstLine - 1, lastLine);
    // A `%` read as zsh's mark goes back on when the new output has no final newline either;
    // one that judging compared as output is among the documented lines already.
    const zsh = part.documented === output.text && /%\s*$/.test(old[old.length - 1] ?? '') && !part.actual.endsWith('\n');
    const text = rewriteOutput(part);
    if (zsh && text.length > 0) text[text.length - 1] += '%';
    const written = text.map((line) => styled(line, output.style, old, indent));
    // New lines end as the old first line did; the last keeps the break that led to the next line.
    const ending = breaks[firstLine - 1] || '\n';
    const writtenBreaks = written.map((_, i) => (i === written.length - 1 ? breaks[lastLine - 1] : ending));
    lines.splice(firstLine - 1, lastLine - firstLine + 1, ...written);
    breaks.splice(firstLine - 1, lastLine - firstLine + 1, ...writtenBreaks);
  }
  const text = joinNoteLines({ lines, breaks });
  const steps = [...new Set(parts.map((part) => part.step))].sort((a, b) => a - b);
  return steps.length === 0 || text === source ? undefined : { text, steps };
}

/**
 * Stale steps whose documented output `--update` knows how to rewrite; with `all`
 * (`--update=all`) also the steps that pass only as portable. None from a step run while
 * the cluster stopped answering on: what they printed is the outage's doing.
 */
export function rewritable(result: NoteResult, all = false): Verdict[] {
  const outage = outageOf(result);
  return drifted(result, all).filter((v) => outage === undefined || v.step.line < outage.line);
}

function drifted(result: NoteResult, all: boolean): Verdict[] {
  return result.verdicts.filter(
    (v) => v.step.kind === 'command' && v.run && v.comparison && ((v.status === 'stale' && !v.comparison.matches) || (all && v.status === 'pass' && v.comparison.portable)),
  );
}

/** What `--update` says when the cluster stopped answering during the run: from where it left the note as it is. */
export function outageMessage(result: NoteResult): NoteMessage | undefined {
  const outage = outageOf(result);
  if (!outage) return undefined;
  const left = result.verdicts.filter((v) => v.step.line >= outage.line && v.run).length;
  return {
    line: outage.line,
    column: 1,
    severity: 'error',
    message: `not updated from here on: the cluster stopped answering at this step (${outage.why}); the ${left} step${left === 1 ? '' : 's'} run from here were left as the note has them. Run --update again once the cluster answers`,
  };
}

interface DriftedPart {
  step: number;
  output: DocumentedOutput;
  part: ComparedOutput;
}

/**
 * The documented outputs of a step that judging found drifted, each with its alignment:
 * the step's own, or in a session each typed line's that no longer matches; with `all`
 * also those that match only as portable.
 */
function driftedParts(verdict: Verdict, all: boolean): DriftedPart[] {
  return (verdict.comparison?.parts ?? []).flatMap((part) =>
    part.output && part.alignment && (!part.matches || (all && part.portable)) ? [{ step: verdict.step.line, output: part.output, part }] : [],
  );
}

/** The indentation of the fence of the block holding `line`: list items indent their blocks. */
function fenceIndent(lines: string[], line: number): string {
  for (let i = line - 2; i >= 0; i--) {
    // In a blockquote the fence's prefix holds the quote's markers: `> `.
    const fence = /^([\s>]*)(`{3,}|~{3,})/.exec(lines[i]);
    if (fence) return fence[1];
  }
  return '';
}

/** A line written the way the note already writes this output: the `#` prefix of its first line, or the block's indentation. */
function styled(line: string, style: DocumentedOutput['style'], old: string[], indent: string): string {
  if (style === 'comment') {
    const prefix = /^([\s>]*#)( ?)/.exec(old[0] ?? '') ?? [`${indent}# `, `${indent}#`, ' '];
    return line === '' ? prefix[1] : `${prefix[1]}${prefix[2] || ' '}${line}`;
  }
  return line === '' ? indent.trimEnd() : `${indent}${line}`;
}

/** Why a note cannot be rewritten in place, before anything is written. */
export function whyNotWritable(path: string): string | undefined {
  let target: string;
  try {
    target = realpathSync(path);
    accessSync(target, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'the note is read-only; make it writable to update it' : `cannot write the note (${code})`;
  }
  // Root may write anything: a note whose mode says read-only still means it.
  if ((statSync(target).mode & 0o222) === 0) return 'the note is read-only; make it writable to update it';
  return undefined;
}

export interface NoteWrite {
  /** The note began with a byte-order mark: the rewrite does too. */
  bom?: boolean;
  /** The digest of the bytes the run read: the note is replaced only if it still holds them. */
  unchangedSince?: string;
}

/** Thrown when the note changed on disk while the run had it: the other edit wins. */
export class NoteChanged extends Error {}

/**
 * Replaces the note in one step: a crash mid-write leaves the old note, never half of a
 * new one. A symlinked note is updated where it lives; mode and owner stay.
 */
export function writeNoteAtomically(path: string, text: string, write: NoteWrite = {}): void {
  const bytes = Buffer.from(write.bom ? `\uFEFF${text}` : text, 'utf8');
  const stillAsRead = () => {
    if (write.unchangedSince !== undefined && digestOf(readFileSync(path)) !== write.unchangedSince) {
      throw new NoteChanged('the note changed on disk during the run; it was left as it is now (run --update again)');
    }
  };
  stillAsRead();
  writeAtomically(path, bytes, { beforeRename: stillAsRead });
}
