import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOffline } from '../../src/check/check-offline.js';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import { parseNote } from '../../src/note/parse-note.js';
import { readSnapshot } from '../../src/snapshot/snapshot.js';

// Snapshots are committed next to the notes: one written by an older notes-run (no
// cluster, no documentedOn, no timedOut/stopped, a step without durationMs) must still load and judge.

const OLD = `note: notes/a.md
date: 2026-11-26T21:50:17.039Z
context: default
namespace: notes-run-a-6a41fd
kubectl:
  client: v1.32.3
  server: v1.31.5+k3s1
steps:
  - line: 4
    command: echo one
    exitCode: 0
    durationMs: 104
    output: |
      one
  - line: 6
    command: echo two
    exitCode: 0
    output: |
      two
`;

describe('a snapshot written by an older notes-run', () => {
  it('loads, and its runs judge the note as a live run would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-old-snapshot-'));
    writeFileSync(join(dir, 'a.md.yaml'), OLD);
    const snapshot = readSnapshot(join(dir, 'a.md.yaml'))!;
    const note = parseNote(join(dir, 'a.md'), '# a\n\n```bash\necho one\n# one\n\necho two\n# two\n```\n');
    const result = await checkOffline(note, snapshot, builtinTolerances, dir);
    expect(result.status).toBe('fresh');
    expect(result.verdicts.map((verdict) => verdict.status)).toEqual(['pass', 'pass']);
    expect(result.verdicts[0].run).toEqual({ output: 'one\n', exitCode: 0, durationMs: 104, timedOut: false, stopped: false, attempts: 1 });
    expect(result.verdicts[1].run?.timedOut).toBe(false);
  });

  it('its versions stand for the cluster the outputs were recorded on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-old-snapshot-'));
    writeFileSync(join(dir, 'a.md.yaml'), OLD.replace('      two\n', '      deux\n'));
    const note = parseNote(join(dir, 'a.md'), '# a\n\n```bash\necho one\n# one\n\necho two\n# two\n```\n');
    const result = await checkOffline(note, readSnapshot(join(dir, 'a.md.yaml')), builtinTolerances, dir);
    expect(result.verdicts.map((verdict) => verdict.status)).toEqual(['pass', 'stale']);
    expect(result.status).toBe('stale');
  });
});
