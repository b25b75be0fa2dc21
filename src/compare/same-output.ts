import type { CommandFacts } from '../model.js';
import { comparableLines, type CompareSettings } from './comparable-lines.js';

/**
 * Whether two runs of one command printed the same thing under the note's rules: an AGE
 * that ticked, a pod hash that is new, rows in another order are the same; a status, a
 * count or an address that appeared are not. Decides whether a read is still converging.
 */
export function sameOutput(first: string, second: string, command: Pick<CommandFacts, 'ordering'>, settings: CompareSettings): boolean {
  if (first === second) return true;
  const keys = (text: string) => comparableLines(text, 'actual', settings).map((line) => line.key);
  const [a, b] = [keys(first), keys(second)];
  if (a.length !== b.length) return false;
  if (command.ordering === 'ordered') return a.every((key, i) => key === b[i]);
  const [x, y] = [[...a].sort(), [...b].sort()];
  return x.every((key, i) => key === y[i]);
}
