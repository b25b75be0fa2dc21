import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editLine, root, workspace, type JsonReport } from './workspace.js';

// Isolation is invisible to the note (SPEC §3): a note written in `default` on a fresh
// cluster (test/cluster/live/default-style.md, also run by the cluster tier) is fresh in
// its run namespace on the double, which holds the `kubernetes` Service in `default` only.

const NOTE = 'default-style.md';

function noteWorkspace() {
  const ws = workspace();
  cpSync(join(root, 'test', 'cluster', 'live', NOTE), join(ws.dir, NOTE));
  return ws;
}

type Step = JsonReport['notes'][number]['steps'][number] & { isolation?: string[] };
const byLine = (report: JsonReport) => new Map(report.notes[0].steps.map((step) => [step.line, step as Step]));

describe('a note written in default, run in its own namespace', { timeout: 180_000 }, () => {
  it('runs against a double that holds the kubernetes Service in default only, as a real cluster does', () => {
    const ws = noteWorkspace();
    expect(ws.kubectl(['get', 'svc', '-n', 'default', '-o', 'name']).stdout).toBe('service/kubernetes\n');
    ws.kubectl(['create', 'namespace', 'notes-run-x-1a2b3c']);
    const other = ws.kubectl(['get', 'svc', '-n', 'notes-run-x-1a2b3c']);
    expect(other.stdout).toBe('');
    expect(other.stderr).toBe('No resources found in notes-run-x-1a2b3c namespace.\n');
  });

  it('is fresh, each step isolation explained saying so', () => {
    const ws = noteWorkspace();
    const { exitCode, report } = ws.json([NOTE]);
    const steps = byLine(report);
    expect(report.notes[0].status, JSON.stringify(report.notes[0].steps.filter((s) => s.status !== 'pass'), null, 1)).toBe('fresh');
    expect(exitCode).toBe(0);
    for (const line of [17, 21, 35, 68, 71]) expect(steps.get(line)?.isolation, `line ${line}`).toEqual(['context-kubernetes-service']);
    expect(steps.get(28)?.isolation).toEqual(['context-kubernetes-endpoints']);
    // `-n default` and `NAME.default.svc…` ran in the run namespace, where the note's objects are.
    for (const line of [25, 58]) expect(steps.get(line)).toMatchObject({ status: 'pass' });
    expect(steps.get(58)?.isolation).toBeUndefined();
    const human = ws.run(['--verbose', NOTE]).stdout;
    expect(human).toMatch(/≈ default-style\.md:35 kubectl describe service kubernetes ≈ isolation: context-kubernetes-service/);
  });

  it('--update writes only what is true of default: never the run namespace\'s No resources found', () => {
    const ws = noteWorkspace();
    // The note shows a Service the run deleted: stale, and rewritten.
    const text = editLine(readFileSync(join(ws.dir, NOTE), 'utf8'), 73, '1s', '1s\n# sleep-2      ClusterIP   10.43.229.34   <none>        80/TCP    9s');
    ws.writeNote(text, NOTE);
    const { report } = ws.json(['--update', NOTE]);
    expect(byLine(report).get(71)).toMatchObject({ status: 'stale', updated: true });
    const written = ws.note(NOTE);
    expect(written).not.toMatch(/No resources found|notes-run-/);
    expect(written.split('\n').slice(70, 74)).toEqual([
      'kubectl get svc',
      '# NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
      '# kubernetes   ClusterIP   10.43.0.1    <none>        443/TCP   1s',
      '```',
    ]);
  });
});
