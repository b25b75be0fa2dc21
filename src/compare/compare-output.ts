import type { Comparison } from '../model.js';
import { comparableLines, type CompareSettings } from './comparable-lines.js';
import { explainDrift } from './known-drift.js';
import { lineDiff } from './line-diff.js';
import { linesMatch, orderingFor } from './match-lines.js';
import { portableMatch } from './portability/registry.js';

/** Documented output against actual output, with every tolerance applied to both. */
export function compareOutput(documented: string, actual: string, command: string, settings: CompareSettings): Comparison {
  // Most outputs that still hold are identical to the letter: no need to fold anything.
  if (documented.trim() === actual.trim() && !(settings.namespace && actual.includes(settings.namespace))) return { matches: true, diff: [], notes: [] };
  const want = comparableLines(documented, 'documented', settings);
  const got = comparableLines(actual, 'actual', settings);
  const ordering = orderingFor(command);
  if (linesMatch(want, got, ordering)) return { matches: true, diff: [], notes: [] };
  const portable = settings.portability ? portableMatch(want, got, ordering, command, settings.portability) : undefined;
  if (portable && !settings.portability!.strict) return { matches: true, diff: [], notes: [], portable };
  const diff = lineDiff(want, got, ordering);
  const notes = explainDrift(diff);
  if (portable) notes.push(`only portable differences (${portable.join(', ')}); --strict reports them stale`);
  return { matches: false, diff, notes };
}

