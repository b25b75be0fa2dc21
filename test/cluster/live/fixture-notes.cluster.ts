import { describe, expect, it } from 'vitest';
import { runNote } from './live-workspace.js';

// The fixture notes (test/fixtures/notes), live on the test control plane. The quick tier
// (test/e2e/dialect-notes.test.ts) pins the careful verdict of every step against the
// double; here each step must get that same verdict from the real API server and kubectl,
// except the steps listed in LIMITS, where this cluster cannot behave like a real k3d
// one: each says the verdict it gets here and why.

interface Limit {
  status: string;
  why: string;
}

const KWOK_EXEC =
  'kwok words a command that exits non-zero as "Internal error occurred: error executing command in container: ... exit status N", ' +
  'not "command terminated with exit code N"';

/** note → line → the verdict here and why it is not the careful one. */
const LIMITS: Record<string, Record<number, Limit>> = {
  'ch2-pods.md': {},
  'ch3-services.md': {},
  'ch4-config.md': {},
  'ch5-sessions.md': {},
  'ch6-controllers.md': {},
  'dialect-edge.md': {},
};
void KWOK_EXEC;

const ARGS: Record<string, string[]> = { 'dialect-edge.md': ['--namespace', 'default'] };

describe.each(Object.keys(LIMITS))('%s live on the test control plane', (note) => {
  it('gives each step the verdict it gets on the double, but for the listed limits', () => {
    const args = ARGS[note] ?? [];
    const careful = runNote(note, args, 'double').report.notes[0].steps;
    const live = runNote(note, args, 'cluster').report.notes[0].steps;
    const limits = LIMITS[note];
    const want = careful.map((s) => [s.line, limits[s.line]?.status ?? s.status]);
    const got = live.map((s) => [s.line, s.status]);
    const detail = live
      .filter((s, i) => s.status !== want[i]?.[1])
      .map((s) => `${s.line} ${s.status}: ${s.command}\n${s.reason ?? ''}\n${s.actual ?? ''}`)
      .join('\n---\n');
    expect(got, detail).toEqual(want);
  });
});
