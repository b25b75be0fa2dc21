import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { judgedOffline } from './judged-offline.js';
import { editLine, workspace, type JsonReport, type Workspace } from './workspace.js';

// The user's note, run end to end through the CLI against the simulated k3s cluster,
// which hands out new IPs, pod hashes, ages and timings on every run.

// One live JSON run of the unedited note, read by every test below that needs no other arguments.
let live: { ws: Workspace; exitCode: number | null; report: JsonReport };
beforeAll(() => {
  const ws = workspace();
  live = { ws, ...ws.json(['ch3.md']) };
}, 240_000);

describe('notes/ch3.md against a k3s-like cluster', () => {
  it('is fresh: every step passes, the failing ping as an expected failure', () => {
    const { exitCode, report } = live;
    const [note] = report.notes;
    expect(note.status).toBe('fresh');
    expect(exitCode).toBe(0);
    const commands = note.steps.filter((step) => step.kind === 'command');
    expect(commands.map((step) => step.line)).toEqual([18, 24, 26, 31, 36, 51, 56, 61, 79, 84, 92]);
    expect(commands.every((step) => step.status === 'pass')).toBe(true);
    const ping = commands.find((step) => step.line === 92)!;
    expect(ping.exitCode).toBe(1);
    expect(ping.actual).toContain('100% packet loss');
    expect(note.steps.find((step) => step.kind === 'yaml')).toMatchObject({ line: 66, status: 'pass' });
  });

  it('fills the JSON contract for every step', () => {
    const { report } = live;
    const step = report.notes[0].steps.find((s) => s.line === 84)!;
    expect(Object.keys(step)).toEqual(
      expect.arrayContaining(['line', 'kind', 'status', 'command', 'expected', 'actual', 'exitCode', 'durationMs', 'heading']),
    );
    expect(step).toMatchObject({ kind: 'command', command: 'kubectl get svc sleep-2', exitCode: 0 });
    expect(step.expected).toContain('sleep-2   ClusterIP   10.43.44.128');
    expect(step.actual).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP/);
    expect(step.heading).toBe('3.1. Kubernetes 내부의 Network traffic routing');
    expect(typeof step.durationMs).toBe('number');
    expect(report.summary).toMatchObject({ notes: { total: 1, fresh: 1 } });
  });

  it('prints one line for the fresh note by default, the summary, and the context it ran against', () => {
    const result = workspace().run(['ch3.md']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^FRESH ch3\.md 12 steps: 12 pass in \d+\.\d s\n\n1 note: 1 fresh · steps: 12 pass · \d+\.\d s\n$/);
    expect(result.stderr).toBe('notes-run: live · kube context default (k3s, node k3s-node, kubelet v1.31.5+k3s1, server v1.31.5+k3s1, kubectl v1.32.3)\n');
  });

  it('prints a readable report with the Korean headings, file:line and a summary with --verbose', () => {
    const result = workspace().run(['--verbose', 'ch3.md']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('FRESH ch3.md');
    expect(result.stdout).toContain('3.1. Kubernetes 내부의 Network traffic routing');
    expect(result.stdout).toContain('Pod 와 통신이 잘 되는지 확인 - 실패해야함');
    expect(result.stdout).toContain('ch3.md:92 kubectl exec deploy/sleep-1 -- ping -c 1 sleep-2');
    expect(result.stdout).toMatch(/1 note: 1 fresh · steps: 12 pass/);
    expect(result.stderr).toContain('kube context default');
  });
});

describe('step selection', () => {
  it('--step LINE runs the note up to that step and judges just it', () => {
    const { exitCode, report } = workspace().json(['--step', '85', 'ch3.md']);
    expect(exitCode).toBe(0);
    expect(report.notes[0].steps.map((step) => [step.line, step.status])).toEqual([[84, 'pass']]);
  });
});

describe('drifted copies of the note', () => {
  // Judged in-process against the live run's snapshot (as --offline does): the note's other
  // steps keep their verdict, the edited one goes stale.
  it.each([
    ['a verb', 19, 'deployment.apps/sleep-1 created', 'deployment.apps/sleep-1 configured', 18],
    ['a count', 43, '2 packets received', '1 packets received', 36],
    ['a status', 87, 'ClusterIP', 'NodePort ', 84],
    ['a name', 25, 'pod/sleep-1-', 'pod/sleep-3-', 24],
    ['an exit code', 98, 'exit code 1', 'exit code 2', 92],
  ])('one changed %s is stale at that step', async (_what, line, from, to, stepLine) => {
    const steps = await judgedOffline(live.ws, 'ch3.md', editLine(live.ws.note(), line, from, to));
    const notPassing = steps.filter((step) => step.status !== 'pass');
    expect(notPassing.map((step) => [step.line, step.status])).toEqual([[stepLine, 'stale']]);
  });

  // The same drift in a live run, the way a user meets it: the note stale, exit 1.
  it('one changed exit code is stale at that step in a live run, exit 1', () => {
    const ws = workspace();
    ws.writeNote(editLine(ws.note(), 98, 'exit code 1', 'exit code 2'));
    // A drifted read-only step is re-run until the convergence deadline: keep it short here.
    const { exitCode, report } = ws.json(['--converge', '0.5', 'ch3.md']);
    const [note] = report.notes;
    expect(exitCode).toBe(1);
    expect(note.status).toBe('stale');
    const notPassing = note.steps.filter((step) => step.status !== 'pass');
    expect(notPassing.map((step) => [step.line, step.status])).toEqual([[92, 'stale']]);
  });

  it('a failing command is broken at its line, exit 1', () => {
    const ws = workspace();
    ws.writeNote(editLine(ws.note(), 24, 'app=sleep-1', 'app=sleep-9'));
    const { exitCode, report } = ws.json(['--converge', '0.5', 'ch3.md']);
    const [note] = report.notes;
    expect(exitCode).toBe(1);
    expect(note.status).toBe('broken');
    const notPassing = note.steps.filter((step) => step.status !== 'pass');
    expect(notPassing).toMatchObject([{ line: 24, status: 'broken', exitCode: 1 }]);
    expect(notPassing[0].actual).toContain('error: no matching resources found');
  });

  it("runs the note's own manifest when the file it applies does not exist", () => {
    const ws = workspace();
    ws.writeNote(editLine(ws.note(), 79, 'sleep/sleep2-service.yaml', 'sleep/from-the-note.yaml'));
    const { exitCode, report } = ws.json(['ch3.md']);
    expect(exitCode).toBe(0);
    expect(report.notes[0].steps.find((step) => step.kind === 'yaml')).toMatchObject({ status: 'unchecked', file: 'sleep/from-the-note.yaml' });
    expect(existsSync(join(ws.dir, 'sleep', 'from-the-note.yaml'))).toBe(false);
  });

  it('shows the diff for a stale step in the human report', () => {
    const ws = workspace();
    ws.writeNote(editLine(ws.note(), 19, 'created', 'configured'));
    const result = ws.run(['ch3.md']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('STALE ch3.md');
    expect(result.stdout).toContain('- deployment.apps/sleep-1 configured');
    expect(result.stdout).toContain('+ deployment.apps/sleep-1 created');
  });
});
