import type { CommandFacts, Comparison, ComparedOutput } from '../model.js';
import { alignLines } from './align-lines.js';
import { comparableLines, lineKey, type CompareSettings } from './comparable-lines.js';
import { isolationReason, setAsideContextObjects } from './isolation.js';
import { explainDrift } from './known-drift.js';
import { lineDiff } from './line-diff.js';
import { linesMatch } from './match-lines.js';
import type { PortableCommand } from './portability/fact.js';
import { portableMatch } from './portability/registry.js';
import { withWordDiff } from './word-diff.js';

/** What the comparison set aside because the run namespace is not the context's `default`. */
function isolationNote(explained: string[]): string {
  const why = explained.map(isolationReason);
  return why.length > 0 ? `not compared: ${why.join('; ')}` : 'not compared: `No resources found` in the run namespace, which is never written into a note';
}

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
  const read = { documented: comparableLines(documented, 'documented', settings), actual: comparableLines(actual, 'actual', settings) };
  const { ordering } = command;
  if (linesMatch(read.documented, read.actual, ordering)) return plain();
  // What only the context's own `default` namespace holds is set aside: the note is written there.
  const isolated = setAsideContextObjects(read.documented, read.actual, command, settings);
  const want = isolated?.documented ?? read.documented;
  const got = isolated?.actual ?? read.actual;
  const isolation = isolated && isolated.explained.length > 0 ? { isolation: isolated.explained } : {};
  if (isolated && linesMatch(want, got, ordering)) return { matches: true, diff: [], notes: [], ...isolation, parts: [{ documented, actual, matches: true, ...isolation }] };
  // Lines set aside are not in the alignment, so `--update` keeps them as the note writes them.
  const alignment = isolated?.unwritable ? undefined : alignLines(want, got, ordering, settings);
  const portable = settings.portability ? portableMatch(want, got, ordering, command, settings.portability) : undefined;
  if (portable && !settings.portability!.strict) {
    return { matches: true, diff: [], notes: [], portable, ...isolation, parts: [{ documented, actual, matches: true, portable, ...isolation, ...(alignment ? { alignment } : {}) }] };
  }
  const diff = withWordDiff(lineDiff(want, got, ordering), (line, side) => lineKey(line, side, settings));
  const notes = explainDrift(diff);
  if (portable) notes.push(`only portable differences (${portable.join(', ')}); --strict reports them stale`);
  if (isolated) notes.push(isolationNote(isolated.explained));
  const part: ComparedOutput = { documented, actual, matches: false, ...(portable ? { portable } : {}), ...isolation, ...(alignment ? { alignment } : {}) };
  return { matches: false, diff, notes, ...isolation, parts: [part] };
}
