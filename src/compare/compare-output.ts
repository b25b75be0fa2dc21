import type { CommandFacts, Comparison } from '../model.js';
import { comparableLines, lineKey, type CompareSettings } from './comparable-lines.js';
import { explainDrift } from './known-drift.js';
import { lineDiff } from './line-diff.js';
import { linesMatch } from './match-lines.js';
import { withWordDiff } from './word-diff.js';

/** Documented output against actual output, with every tolerance applied to both; the command's facts say how its lines are ordered. */
export function compareOutput(documented: string, actual: string, command: Pick<CommandFacts, 'ordering'>, settings: CompareSettings): Comparison {
  // Most outputs that still hold are identical to the letter: no need to fold anything.
  if (documented.trim() === actual.trim() && !(settings.namespace && actual.includes(settings.namespace))) return { matches: true, diff: [], notes: [] };
  const want = comparableLines(documented, 'documented', settings);
  const got = comparableLines(actual, 'actual', settings);
  const { ordering } = command;
  if (linesMatch(want, got, ordering)) return { matches: true, diff: [], notes: [] };
  const diff = withWordDiff(lineDiff(want, got, ordering), (line, side) => lineKey(line, side, settings));
  return { matches: false, diff, notes: explainDrift(diff) };
}
