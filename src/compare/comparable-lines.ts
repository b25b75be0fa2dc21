import { stripVTControlCharacters } from 'node:util';
import { isRemark, isTerminalNoise, marksOmission } from '../note/output-lines.js';
import type { Portability } from './portability/registry.js';
import type { Tolerance } from './tolerances/tolerance.js';
import { applyTolerances } from './tolerances/registry.js';

/** A line as written, and the key it is compared by once volatile values are folded. */
export interface ComparableLine {
  text: string;
  key: string;
}

/** A line as read from its side: where it stood, and how the note writes it. */
export interface ReadLine extends ComparableLine {
  /** 0-based index among the text's lines. */
  index: number;
  /** The line with the run's namespace read as `default`, the way the note says it. */
  inNote: string;
}

export interface CompareSettings {
  tolerances: readonly Tolerance[];
  /** The run's own namespace, which stands for `default` in the documented output. */
  namespace?: string;
  /** Where the note was recorded and where it runs: differences only those explain pass as portable. */
  portability?: Portability;
}

export const WILDCARD = '...';

/** Lines the note's author wrote or the command printed, ready for comparison. */
export function comparableLines(text: string, side: 'documented' | 'actual', settings: CompareSettings): ReadLine[] {
  const namespace = runNamespace(settings);
  const lines: ReadLine[] = [];
  stripVTControlCharacters(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.trimEnd();
      if (leftOut(line, side)) return;
      const inNote = namespace && side === 'actual' ? line.replace(namespace, 'default') : line;
      lines.push({ text: line, key: side === 'documented' && marksOmission(line) ? WILDCARD : keyOf(inNote, settings.tolerances), index, inNote });
    });
  while (lines.length > 0 && lines[0].key === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1].key === '') lines.pop();
  return lines;
}

/** Lines not compared: a terminal's noise, and the author's remarks other than a mark of omitted output. */
export function leftOut(line: string, side: 'documented' | 'actual'): boolean {
  return isTerminalNoise(line) || (side === 'documented' && isRemark(line) && !marksOmission(line));
}

/** One line's comparison key, as comparableLines folds it on that side. */
export function lineKey(line: string, side: 'documented' | 'actual', settings: CompareSettings): string {
  const namespace = runNamespace(settings);
  return keyOf(namespace && side === 'actual' ? line.replace(namespace, 'default') : line, settings.tolerances);
}

function runNamespace(settings: CompareSettings): RegExp | undefined {
  return settings.namespace && settings.namespace !== 'default' ? new RegExp(`\\b${escape(settings.namespace)}\\b`, 'g') : undefined;
}

function keyOf(line: string, tolerances: readonly Tolerance[]): string {
  // Tables re-align when a value changes width; runs of blanks carry no meaning.
  return applyTolerances(line, tolerances).replace(/\s+/g, ' ').trim();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
