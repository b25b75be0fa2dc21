import type { CommandFacts } from '../model.js';
import { MASK, maskSecrets } from './mask-secrets.js';

/** Each line of a revealed secret replaced by the mask; the line breaks, and so the shape, stay. */
export function maskWhole(output: string): string {
  return output.replace(/[^\n]+/g, MASK);
}

/**
 * What a command printed, as a snapshot or a JSON report may hold it: all of it masked
 * when the command prints a secret's value (a fact of the command model), else its credentials.
 */
export function maskCommandOutput(facts: Pick<CommandFacts, 'printsSecret'> | undefined, output: string): string {
  return facts?.printsSecret ? maskWhole(output) : maskSecrets(output);
}
