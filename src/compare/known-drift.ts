import type { DiffLine } from '../model.js';

// Cosmetic changes between kubectl and API server versions. They still make a note
// stale (the note no longer shows what a reader will see), but naming the cause
// saves the reader from hunting for a broken cluster.

interface KnownDrift {
  explanation: string;
  /** True when the diff shows this change. */
  shows: (removed: string[], added: string[]) => boolean;
}

const KNOWN_DRIFTS: KnownDrift[] = [
  {
    explanation: 'kubectl ≥ 1.34 wording: `delete` now adds "from NAMESPACE namespace"',
    shows: (removed, added) =>
      added.some((line) => /" deleted from \S+ namespace$/.test(line)) && removed.some((line) => /" deleted$/.test(line)),
  },
  {
    explanation: 'API server ≥ 1.33 warns that v1 Endpoints is deprecated (a stderr warning, not a failure)',
    shows: (_removed, added) => added.some((line) => line.startsWith('Warning: v1 Endpoints is deprecated')),
  },
  {
    explanation: 'kubectl ≥ 1.22 shows when the last restart happened in RESTARTS, e.g. `1 (23h ago)`',
    shows: (removed, added) => added.some((line) => /\s\d+ \(\S+ ago\)\s/.test(line)) && !removed.some((line) => / ago\)/.test(line)),
  },
];

export function explainDrift(diff: DiffLine[]): string[] {
  const removed = diff.filter((line) => line.op === '-').map((line) => line.text);
  const added = diff.filter((line) => line.op === '+').map((line) => line.text);
  return KNOWN_DRIFTS.filter((drift) => drift.shows(removed, added)).map((drift) => drift.explanation);
}
