import { InputError } from '../../errors.js';

/**
 * One kind of value that legitimately differs between runs (an IP, a pod hash, an age).
 * Both the documented and the actual line are rewritten with every tolerance, so a
 * value of the same kind on both sides becomes the same placeholder.
 */
export interface Tolerance {
  name: string;
  /** One line: why this value changes between runs on a healthy cluster. */
  reason: string;
  /** A line taken from real kubectl (or tool) output that the rule rewrites. */
  example: string;
  /** Must carry the `g` flag. */
  pattern: RegExp;
  /** Replacement string for String.prototype.replace; placeholders read `<<kind>>`. */
  replacement: string;
}

/** A user's pattern ran out of its time budget on a line: the step it was judging cannot be judged. */
export class PatternTooSlow extends InputError {}
