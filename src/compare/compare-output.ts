import type { CommandFacts, Comparison, ComparedOutput } from '../model.js';
import { alignLines } from './align-lines.js';
import { comparableLines, lineKey, type CompareSettings } from './comparable-lines.js';
import { explainDrift } from './known-drift.js';
import { lineDiff } from './line-diff.js';
import { linesMatch } from './match-lines.js';
import type { PortableCommand } from './portability/fact.js';
import { portableMatch } from './portability/registry.js';
import { withWordDiff } from './word-diff.js';

/** What a comparison needs of a command's facts: how its lines are ordered, and what the portability facts read (`-n kube-system`). */
export type ComparedCommand = Pick<CommandFacts, 'ordering'> & PortableCommand;

/**
 * Documented output against actual output, with every tolerance applied to both; the
 * command's facts say how its lines are ordered. Unless it holds as written, the one part
 * it returns carries the lines aligned, for `--update` to rewrite from.
 */
export function compareOutput(documented: string, actual: string, command: ComparedCommand, settings: CompareSettings): Comparison {
  const plain = (): Comparison => ({ matches: true, diff: [], notes: [], parts: [{ documented, actual, matches: true }] });
  // Most outputs that still hold are identical to the letter: no need to fold anything.
  if (documented.trim() === actual.trim() && !(settings.namespace && actual.includes(settings.namespace))) return plain();
  const want = comparableLines(documented, 'documented', settings);
  const got = comparableLines(actual, 'actual', settings);
  const { ordering } = command;
  if (linesMatch(want, got, ordering)) return plain();
  const alignment = alignLines(want, got, ordering, settings);
  const portable = settings.portability ? portableMatch(want, got, ordering, command, settings.portability) : undefined;
  if (portable && !settings.portability!.strict) {
    return { matches: true, diff: [], notes: [], portable, parts: [{ documented, actual, matches: true, portable, alignment }] };
  }
  const diff = withWordDiff(lineDiff(want, got, ordering), (line, side) => lineKey(line, side, settings));
  const notes = explainDrift(diff);
  if (portable) notes.push(`only portable differences (${portable.join(', ')}); --strict reports them stale`);
  const part: ComparedOutput = { documented, actual, matches: false, ...(portable ? { portable } : {}), alignment };
  return { matches: false, diff, notes, parts: [part] };
}
