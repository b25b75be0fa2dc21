import type { CommandFacts, Comparison } from '../model.js';
import { comparableLines, type CompareSettings } from './comparable-lines.js';
import { explainDrift } from './known-drift.js';
import { lineDiff } from './line-diff.js';
import { linesMatch } from './match-lines.js';
import { portableMatch } from './portability/registry.js';

/** What a comparison needs of a command: how its lines are ordered, and its text for the portability facts (`-n kube-system`). */
export type ComparedCommand = Pick<CommandFacts, 'ordering'> & { text?: string };

/** Documented output against actual output, with every tolerance applied to both; the command's facts say how its lines are ordered. */
export function compareOutput(documented: string, actual: string, command: ComparedCommand, settings: CompareSettings): Comparison {
  // Most outputs that still hold are identical to the letter: no need to fold anything.
  if (documented.trim() === actual.trim() && !(settings.namespace && actual.includes(settings.namespace))) return { matches: true, diff: [], notes: [] };
  const want = comparableLines(documented, 'documented', settings);
  const got = comparableLines(actual, 'actual', settings);
  const { ordering } = command;
  if (linesMatch(want, got, ordering)) return { matches: true, diff: [], notes: [] };
  const portable = settings.portability ? portableMatch(want, got, ordering, command.text ?? '', settings.portability) : undefined;
  if (portable && !settings.portability!.strict) return { matches: true, diff: [], notes: [], portable };
  const diff = lineDiff(want, got, ordering);
  const notes = explainDrift(diff);
  if (portable) notes.push(`only portable differences (${portable.join(', ')}); --strict reports them stale`);
  return { matches: false, diff, notes };
}

