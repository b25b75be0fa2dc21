import type { NoteResult, Verdict } from '../model.js';

/** Where a run stopped being able to speak for the cluster: the first step that met the outage, and what said so. */
export interface Outage {
  /** The note line of the first step run while the cluster did not answer. */
  line: number;
  why: string;
}

/**
 * kubectl's own words for an API server it cannot reach (refused, gone, not yet serving).
 * Only kubectl's: a `wget` refused inside a pod is the note's business, not an outage.
 */
const UNREACHABLE = [
  /The connection to the server \S+ was refused/,
  /Unable to connect to the server\b/,
  /couldn't get current server API group list/,
  /the server is currently unable to handle the request/,
];

/**
 * The first step run while the cluster stopped answering: one that printed kubectl's
 * words for an unreachable API server, or on which notes-run's own look at the cluster
 * found it gone. What the cluster holds from then on is what the outage left, so nothing
 * from that step on speaks for the note (SPEC §7).
 */
export function outageOf(result: Pick<NoteResult, 'verdicts'>): Outage | undefined {
  // A step's own words say when; the look is taken once a batch of steps has run and is
  // said on the batch's first failing step, so it speaks only when no step printed the outage.
  return firstWith(result.verdicts, printedUnreachable) ?? firstWith(result.verdicts, (verdict) => verdict.run?.diagnosis?.unreachable);
}

function firstWith(verdicts: Verdict[], sign: (verdict: Verdict) => string | undefined): Outage | undefined {
  for (const verdict of verdicts) {
    const why = sign(verdict);
    if (why) return { line: verdict.step.line, why };
  }
  return undefined;
}

function printedUnreachable(verdict: Verdict): string | undefined {
  const run = verdict.run;
  if (!run) return undefined;
  for (const output of [run.output, ...(run.sessionOutputs ?? [])]) {
    const line = output.split('\n').find((text) => UNREACHABLE.some((sign) => sign.test(text)));
    if (line) return line.trim();
  }
  return undefined;
}
