import type { CompareSettings } from '../compare/comparable-lines.js';
import { fillMasked } from '../compare/masked-values.js';
import { judgeCommand, type Judgement } from '../compare/judge-command.js';
import type { CommandStep, Comparison, StepRun } from '../model.js';
import type { KnownSecrets } from '../secrets/known-secrets.js';

// A run may hold `<masked>` where a step printed a secret: a recorded one (offline), or a
// live one masked by the values of the namespace's Secrets. The step is judged on that
// output with the note's own text in those places, so a documented value or placeholder
// (`<masked>`, `xxx`) matches; the verdict keeps the masked run (reports show `<masked>`,
// never a value), and says how many masked values were taken as documented.

/**
 * How a possibly masked run is judged, live and offline alike. Live, the known secret
 * values are masked in what the judgement carries to reports too: the diff shows the
 * note's own text at the masked places, which may be the value itself.
 */
export function judgeMasked(compare: CompareSettings, known?: KnownSecrets): (step: CommandStep, run: StepRun) => Judgement {
  return (step, run) => {
    const unmasked = runWithDocumentedSecrets(step, run);
    const judgement = sayingMasked(judgeCommand(step, unmasked.run, compare), unmasked.filled);
    return known ? withoutSecrets(judgement, known) : judgement;
  };
}

function withoutSecrets(judgement: Judgement, known: KnownSecrets): Judgement {
  const masked = { ...judgement } as Judgement;
  if (judgement.comparison) masked.comparison = maskedComparison(judgement.comparison, known);
  if (judgement.typed) masked.typed = judgement.typed.map((typed) => ({ ...typed, actual: known.mask(typed.actual), expected: typed.expected === null ? null : known.mask(typed.expected) }));
  return masked;
}

/** Diff lines as reports print them; a line that changed loses its word split, which no longer adds up to it. */
function maskedComparison(comparison: Comparison, known: KnownSecrets): Comparison {
  const diff = comparison.diff.map((line) => {
    const text = known.mask(line.text);
    return text === line.text ? line : { op: line.op, text };
  });
  return { ...comparison, diff };
}

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
  // Offline the snapshot holds them masked; live, the run's known secret values were.
  const note = `${filled} secret value${filled === 1 ? '' : 's'} held as <masked> taken as what the note documents`;
  return { ...judgement, comparison: { ...judgement.comparison, masked: filled, notes: [...judgement.comparison.notes, note] } };
}
