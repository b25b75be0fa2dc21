import { fillMasked } from '../compare/masked-values.js';
import type { Judgement } from '../compare/judge-command.js';
import type { CommandStep, StepRun } from '../model.js';

// Offline, a recorded run may hold `<masked>` where the live run printed a secret. The
// step is judged on the recorded output with the note's own text in those places; the
// verdict keeps the masked run (reports show `<masked>`, never a value), and says how
// many masked values were taken as documented.

/** The recorded run as the comparison should see it, and how many masked values it took from the note. */
export function runWithDocumentedSecrets(step: CommandStep, run: StepRun): { run: StepRun; filled: number } {
  const own = fillMasked(step.output?.text ?? '', run.output);
  let filled = own.filled;
  const sessionOutputs = run.sessionOutputs?.map((piece, i) => {
    const documented = i === 0 ? step.output?.text : step.session?.[i - 1]?.output?.text;
    const result = fillMasked(documented ?? '', piece);
    filled += result.filled;
    return result.output;
  });
  if (filled === 0) return { run, filled };
  return { run: { ...run, output: own.output, ...(sessionOutputs ? { sessionOutputs } : {}) }, filled };
}

/** A judgement that leaned on masked values says so. */
export function sayingMasked(judgement: Judgement, filled: number): Judgement {
  if (filled === 0 || !judgement.comparison) return judgement;
  const note = `${filled} value${filled === 1 ? '' : 's'} masked in the snapshot (a secret) taken as what the note documents`;
  return { ...judgement, comparison: { ...judgement.comparison, masked: filled, notes: [...judgement.comparison.notes, note] } };
}
