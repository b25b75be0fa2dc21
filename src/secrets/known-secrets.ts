import type { StepRun } from '../model.js';
import { MASK } from './mask-secrets.js';

/**
 * The secret values a run has seen so far; it only learns (a Secret a step deleted still
 * had its value printed before). Masking is by literal value, longest first, so a value
 * that holds another is masked whole; `split`/`join` keep it linear in the text.
 */
export class KnownSecrets {
  private values: string[] = [];

  learn(values: Iterable<string>): void {
    const known = new Set(this.values);
    // A value inside the mask itself would mask the mask.
    for (const value of values) if (!MASK.includes(value)) known.add(value);
    this.values = [...known].sort((a, b) => b.length - a.length);
  }

  mask(text: string): string {
    let masked = text;
    for (const value of this.values) if (masked.includes(value)) masked = masked.split(value).join(MASK);
    return masked;
  }

  /** The run as a report, a snapshot or an update may hold it. */
  maskRun(run: StepRun): StepRun {
    if (this.values.length === 0) return run;
    return {
      ...run,
      output: this.mask(run.output),
      ...(run.sessionOutputs ? { sessionOutputs: run.sessionOutputs.map((piece) => this.mask(piece)) } : {}),
    };
  }
}
