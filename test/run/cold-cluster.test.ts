import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNote } from '../../src/check/check-note.js';
import type { Diagnosis, NoteResult } from '../../src/model.js';
import { parseNote } from '../../src/note/parse-note.js';
import type { ClusterWatch, Outlook } from '../../src/run/cluster-watch.js';
import { checkSettings, fence } from './check-settings.js';

// The runner on a cold cluster, with the cluster's answers scripted: `kubectl` here is a
// shell function that prints `Running` once a flag file exists.

const KUBECTL = 'kubectl() { if [ -e ready ]; then echo Running; else echo ContainerCreating; fi; }';

/** A cluster whose pods start after `startsAfter` looks (the flag file appears), and that counts what it was asked. */
function scripted(dir: string, outlook: (looks: number) => Outlook, startsAfter = Infinity) {
  const asked = { outlook: 0, diagnose: 0 };
  const diagnosis: Diagnosis = { pods: [{ pod: 'sleep-1-x', phase: 'Pending', reason: 'ImagePullBackOff' }], events: [] };
  const watch: ClusterWatch = {
    outlook: async () => {
      asked.outlook++;
      if (asked.outlook >= startsAfter) writeFileSync(join(dir, 'ready'), '');
      return outlook(asked.outlook);
    },
    diagnose: async () => {
      asked.diagnose++;
      return diagnosis;
    },
  };
  return { watch, asked, diagnosis };
}

async function check(dir: string, markdown: string, watch: ClusterWatch, waited: string[] = []): Promise<NoteResult> {
  return checkNote(parseNote(join(dir, 'note.md'), markdown), checkSettings(dir, { pullTimeoutMs: 20_000, cluster: watch, onWaiting: (_step, what) => waited.push(what) }));
}

const NOTE = fence(`${KUBECTL}\nkubectl get pods\n# Running`);

describe('a read-only step on a cold cluster', () => {
  it('keeps converging past --converge while the pods are still starting, and says what for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-cold-'));
    const { watch, asked } = scripted(dir, () => ({ kind: 'starting', waitingFor: 'pulling kiamol/ch03-sleep 3 s' }), 2);
    const waited: string[] = [];
    const result = await check(dir, NOTE, watch, waited);
    expect(result.status).toBe('fresh');
    expect(result.verdicts[1].run!.attempts).toBeGreaterThan(1);
    expect(waited).toContain('pulling kiamol/ch03-sleep 3 s');
    expect(asked.diagnose).toBe(0);
  });

  it('stops at --converge when the pods fail for good, broken with the diagnosis', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-cold-'));
    const { watch, asked, diagnosis } = scripted(dir, () => ({ kind: 'failing', why: 'pod x ImagePullBackOff' }));
    const result = await check(dir, NOTE, watch);
    expect(result.verdicts[1]).toMatchObject({ status: 'stale', run: { attempts: 1, diagnosis } });
    expect(asked).toEqual({ outlook: 1, diagnose: 1 });
    expect(existsSync(join(dir, 'ready'))).toBe(false);
  });

  it('never runs a step that changes anything twice, and diagnoses a batch once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-cold-'));
    const { watch, asked } = scripted(dir, () => ({ kind: 'starting', waitingFor: '1 pod Pending' }), 1);
    const result = await check(dir, fence(`echo x >> applied; cat applied\n# y\nfalse\n# z`), watch);
    expect(result.verdicts.map((v) => v.run?.attempts)).toEqual([1, 1]);
    expect(result.verdicts.map((v) => v.run?.diagnosis !== undefined)).toEqual([true, true]);
    expect(asked).toEqual({ outlook: 0, diagnose: 1 });
  });

  it('asks the cluster nothing when every step matches at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-cold-'));
    writeFileSync(join(dir, 'ready'), '');
    const { watch, asked } = scripted(dir, () => ({ kind: 'starting', waitingFor: 'x' }));
    const result = await check(dir, NOTE, watch);
    expect(result.status).toBe('fresh');
    expect(asked).toEqual({ outlook: 0, diagnose: 0 });
  });

  it('gives up at the pull deadline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-cold-'));
    const { watch } = scripted(dir, () => ({ kind: 'starting', waitingFor: '1 pod ContainerCreating' }));
    const result = await checkNote(parseNote(join(dir, 'note.md'), NOTE), checkSettings(dir, { pullTimeoutMs: 1500, cluster: watch }));
    expect(result.verdicts[1].status).toBe('stale');
    expect(result.verdicts[1].run!.attempts).toBeGreaterThan(1);
  });
});
