import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNote } from '../../src/check/check-note.js';
import type { Diagnosis, NoteResult } from '../../src/model.js';
import { parseNote } from '../../src/note/parse-note.js';
import type { ClusterWatch, Outlook } from '../../src/run/cluster-watch.js';
import { checkSettings, fence } from './check-settings.js';

// Re-runs at the cluster's pace: a read that does not match is run again only while the
// namespace it reads moves or its own output changes. The cluster's answers are scripted;
// `kubectl` is a shell function.

/** A cluster whose looks are scripted by their number; the flag file `ready` appears at look `readyAt`. */
function scripted(dir: string, outlook: (look: number) => Outlook, readyAt = Infinity) {
  const asked = { outlook: 0, diagnose: 0 };
  const diagnosis: Diagnosis = { pods: [{ pod: 'web-1', phase: 'Pending', reason: 'ImagePullBackOff', image: 'kiamol/nope' }], events: [] };
  const watch: ClusterWatch = {
    outlook: async () => {
      asked.outlook++;
      if (asked.outlook >= readyAt) writeFileSync(join(dir, 'ready'), '');
      return outlook(asked.outlook);
    },
    diagnose: async () => {
      asked.diagnose++;
      return diagnosis;
    },
  };
  return { watch, asked, diagnosis };
}

async function check(dir: string, markdown: string, watch: ClusterWatch, convergeMs = 10_000): Promise<{ result: NoteResult; seconds: number }> {
  const started = performance.now();
  const result = await checkNote(
    parseNote(join(dir, 'note.md'), markdown),
    checkSettings(dir, { convergeMs, stepTimeoutMs: 40_000, noteTimeoutMs: 60_000, pullTimeoutMs: 20_000, cluster: watch }),
  );
  return { result, seconds: (performance.now() - started) / 1000 };
}

const workdir = () => mkdtempSync(join(tmpdir(), 'notes-run-pace-'));
const GET = 'kubectl() { if [ -e ready ]; then echo Running; else echo ContainerCreating; fi; }';
const READ = fence(`${GET}\nkubectl get pods\n# Running`);

describe('a read that does not match', () => {
  it('ends its re-runs, stale, once two runs print the same thing on a namespace that held still', async () => {
    const dir = workdir();
    const { watch } = scripted(dir, () => ({ kind: 'settled', state: 'pod/web-1@7' }));
    const { result, seconds } = await check(dir, READ, watch);
    expect(result.verdicts[1]).toMatchObject({ status: 'stale', run: { attempts: 2 } });
    expect(seconds).toBeLessThan(3);
  });

  it('is the same run under the note’s rules when only an AGE ticked', async () => {
    const dir = workdir();
    const ticking = 'kubectl() { n=$(cat n 2>/dev/null || echo 1); echo $((n + 1)) > n; printf "NAME READY STATUS AGE\\nweb-1 0/1 ContainerCreating ${n}s\\n"; }';
    const { watch } = scripted(dir, () => ({ kind: 'settled', state: 'pod/web-1@7' }));
    const { result } = await check(dir, fence(`${ticking}\nkubectl get pods\n# NAME READY STATUS AGE\n# web-1 1/1 Running 5s`), watch);
    expect(result.verdicts[1]).toMatchObject({ status: 'stale', run: { attempts: 2 } });
  });

  it('keeps re-running while objects of the namespace are written', async () => {
    const dir = workdir();
    const { watch } = scripted(dir, (look) => ({ kind: 'settled', state: `pod/web-1@${look}` }), 4);
    const { result } = await check(dir, READ, watch);
    expect(result.verdicts[1]).toMatchObject({ status: 'pass' });
    expect(result.verdicts[1].run!.attempts).toBeGreaterThan(3);
  });

  it('keeps re-running while a pod is ending or a controller is at work', async () => {
    const dir = workdir();
    const { watch } = scripted(dir, (look) => ({ kind: 'settled', state: 'pod/web-1@7', ...(look < 4 ? { moving: 'pod/web-0 terminating' } : {}) }), 4);
    const { result } = await check(dir, READ, watch);
    expect(result.verdicts[1]).toMatchObject({ status: 'pass' });
    expect(result.verdicts[1].run!.attempts).toBeGreaterThan(3);
  });

  it('keeps re-running while its own output changes', async () => {
    const dir = workdir();
    const counting = 'kubectl() { n=$(cat n 2>/dev/null || echo 0); echo $((n + 1)) > n; if [ "$n" -ge 4 ]; then echo Running; else echo "pods: $n"; fi; }';
    const { watch } = scripted(dir, () => ({ kind: 'settled', state: 'pod/web-1@7' }));
    const { result } = await check(dir, fence(`${counting}\nkubectl get pods\n# Running`), watch);
    expect(result.verdicts[1]).toMatchObject({ status: 'pass', run: { attempts: 5 } });
  });

  it('keeps the whole convergence period for what the network answers (exec), which no object shows', async () => {
    const dir = workdir();
    const exec = 'kubectl() { echo "wget: server returned error"; }';
    const { watch } = scripted(dir, () => ({ kind: 'settled', state: 'pod/web-1@7' }));
    const { result, seconds } = await check(dir, fence(`${exec}\nkubectl exec web-1 -- wget -qO- web\n# hello`), watch, 2000);
    expect(result.verdicts[1].status).toBe('stale');
    expect(result.verdicts[1].run!.attempts).toBeGreaterThan(2);
    expect(seconds).toBeGreaterThan(1.5);
  });
});

describe('a wait for pods that will not come', () => {
  it('is stopped as soon as a look sees them failing for good, broken with the cluster’s diagnosis', async () => {
    const dir = workdir();
    const { watch, diagnosis } = scripted(dir, () => ({ kind: 'failing', why: 'pod web-1 ImagePullBackOff', state: 'pod/web-1@7' }));
    const waiting = 'kubectl() { sleep 30; echo "error: timed out waiting for the condition on pods/web-1"; return 1; }';
    const { result, seconds } = await check(dir, fence(`${waiting}\nkubectl wait --for=condition=Ready pod -l app=web\n# pod/web-1 condition met`), watch);
    expect(result.verdicts[1]).toMatchObject({ status: 'broken', run: { diagnosis } });
    expect(result.verdicts[1].reason).toContain('pod web-1 ImagePullBackOff');
    expect(seconds).toBeLessThan(10);
  });

  it('is stopped the same way under `rollout status`', async () => {
    const dir = workdir();
    const { watch } = scripted(dir, () => ({ kind: 'failing', why: 'pod web-1 CrashLoopBackOff', state: 'pod/web-1@7' }));
    const waiting = 'kubectl() { sleep 30; return 1; }';
    const { result, seconds } = await check(dir, fence(`${waiting}\nkubectl rollout status deploy/web\n# deployment "web" successfully rolled out`), watch);
    expect(result.verdicts[1]).toMatchObject({ status: 'broken' });
    expect(result.verdicts[1].reason).toContain('pod web-1 CrashLoopBackOff');
    expect(seconds).toBeLessThan(10);
  });

  it('waits on while the pods are still starting', async () => {
    const dir = workdir();
    const { watch } = scripted(dir, () => ({ kind: 'starting', waitingFor: 'pulling kiamol/ch03 3 s' }));
    const waiting = 'kubectl() { sleep 7; echo "pod/web-1 condition met"; }';
    const { result } = await check(dir, fence(`${waiting}\nkubectl wait --for=condition=Ready pod -l app=web\n# pod/web-1 condition met`), watch);
    expect(result.verdicts[1]).toMatchObject({ status: 'pass' });
  });
});
