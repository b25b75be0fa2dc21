import type { ClusterEnvironment } from '../model.js';
import type { Snapshot, SnapshotStep } from './snapshot.js';
import { snapshotText } from './snapshot-text.js';

// A live run rewrites a note's snapshot only when it has something new to record: a
// clone stays clean after a run on the same cluster, where only IPs, ages and the run
// namespace's name changed. What counts as the same output is the note's own rules,
// passed in by the live stage, which judged the run with them.

/** Whether two recordings of the output of the new snapshot's step `index` say the same under the note's rules. */
export type SameOutput = (index: number, recorded: string, now: string) => boolean;

/** Why the new snapshot must be written over the old, or undefined when it records nothing new. */
export function somethingNew(old: Snapshot, next: Snapshot, same: SameOutput): string | undefined {
  if (old.context !== next.context) return 'another context';
  if (!sameCluster(old.cluster, next.cluster) || !sameCluster(old.documentedOn, next.documentedOn)) return 'another cluster';
  if (old.kubectl?.client !== next.kubectl.client || old.kubectl?.server !== next.kubectl.server) return 'other kubectl versions';
  if (old.steps.length !== next.steps.length) return 'steps added or removed';
  // The old run's namespace reads as this run's, as a recorded `default` reads as both.
  const renamed = (text: string) => (old.namespace ? text.split(old.namespace).join(next.namespace) : text);
  for (const [i, step] of next.steps.entries()) {
    const before = old.steps[i];
    if (before.command !== step.command) return `a new step at line ${step.line}`;
    if (!sameRun(before, step, (recorded, now) => same(i, renamed(recorded), now))) return `new output at line ${step.line}`;
  }
  return undefined;
}

function sameRun(before: SnapshotStep, now: SnapshotStep, same: (recorded: string, now: string) => boolean): boolean {
  if (before.exitCode !== now.exitCode || (before.stopped ?? false) !== (now.stopped ?? false) || (before.timedOut ?? false) !== (now.timedOut ?? false)) return false;
  if (!same(before.output, now.output)) return false;
  const pieces = before.sessionOutputs ?? [];
  const nowPieces = now.sessionOutputs ?? [];
  return pieces.length === nowPieces.length && pieces.every((piece, i) => same(piece, nowPieces[i]));
}

function sameCluster(a: ClusterEnvironment | undefined, b: ClusterEnvironment | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** A snapshot whose text is not what notes-run writes for what it holds was edited by hand. */
export function editedByHand(text: string, snapshot: Snapshot): boolean {
  return snapshotText(snapshot) !== text;
}
