import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { root, workspace, type JsonReport, type Workspace } from './workspace.js';

// A note recorded on Docker Desktop with kubectl 1.22 (test/fixtures/portable/), run on
// the double set to k3d with kubectl 1.34 and to kind with 1.31: every step whose
// output differs only by version or flavour passes as portable and is named; --strict
// makes those stale; --update leaves them as written unless --update=all.

const NOTE = 'ch3-docker-desktop.md';
const K3D_134 = { KUBE_DOUBLE_FLAVOUR: 'k3d', KUBE_DOUBLE_CLIENT: '1.34', KUBE_DOUBLE_SERVER: '1.34' };
const KIND_131 = { KUBE_DOUBLE_FLAVOUR: 'kind', KUBE_DOUBLE_CLIENT: '1.31', KUBE_DOUBLE_SERVER: '1.31' };

function portableWorkspace(cluster: NodeJS.ProcessEnv): Workspace & { report: (args?: string[]) => { exitCode: number | null; report: JsonReport; stderr: string } } {
  const ws = workspace();
  cpSync(join(root, 'test', 'fixtures', 'portable'), ws.dir, { recursive: true });
  Object.assign(ws.env, cluster);
  const report = (args: string[] = []) => {
    const result = ws.run(['--reporter', 'json', NOTE, ...args], cluster);
    return { exitCode: result.status, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
  };
  return { ...ws, report };
}

type Step = JsonReport['notes'][number]['steps'][number] & { portable?: string[] };
const byLine = (report: JsonReport) => new Map(report.notes[0].steps.map((step) => [step.line, step as Step]));

describe('a Docker Desktop / kubectl 1.22 note on k3d with kubectl 1.34', () => {
  const ws = portableWorkspace(K3D_134);
  const { exitCode, report, stderr } = ws.report();
  const steps = byLine(report);

  it('is fresh, its portable steps named by their facts', () => {
    expect(report.notes[0].status).toBe('fresh');
    expect(exitCode).toBe(0);
    expect(steps.get(19)).toMatchObject({ status: 'pass', portable: ['node-name-by-flavour'] });
    expect(steps.get(25)?.portable).toEqual(['kubelet-container-event-wording', 'kubelet-pulled-image-details', 'node-name-by-flavour']);
    expect(steps.get(43)?.portable).toEqual(['apiserver-1.33-endpoints-warning']);
    expect(steps.get(59)?.portable).toEqual(['kube-system-by-flavour']);
    expect(steps.get(65)?.portable).toEqual(['kube-system-by-flavour']);
    expect(steps.get(84)?.portable).toEqual(['lb-address-by-flavour']);
    expect(steps.get(87)?.portable).toEqual(['lb-address-by-flavour', 'apiserver-1.30-lb-ipmode']);
    for (const line of [94, 96, 100]) expect(steps.get(line)?.portable).toEqual(['kubectl-1.34-delete-wording']);
    // Steps that hold as written carry no mark: the DNS lookup differs only in tolerated addresses.
    expect(steps.get(49)).toMatchObject({ status: 'pass' });
    expect(steps.get(49)?.portable).toBeUndefined();
    expect(report.summary).toMatchObject({ portable: 10, steps: { pass: 15 } });
  });

  it('says which cluster it ran on, and keeps it in the snapshot', () => {
    expect(stderr).toContain('kube context default (k3d, node k3d-dev-server-0, kubelet v1.34.1+k3s1, server v1.34.1+k3s1, kubectl v1.34.1)');
    const snapshot = parse(readFileSync(join(ws.dir, 'snapshots', `${NOTE}.yaml`), 'utf8'));
    expect(snapshot.cluster).toMatchObject({ flavour: 'k3d', client: 'v1.34.1', server: 'v1.34.1+k3s1', nodes: [{ name: 'k3d-dev-server-0', kubeletVersion: 'v1.34.1+k3s1' }] });
    expect(snapshot.documentedOn).toBeUndefined();
  });

  it('marks portable steps ≈ with the fact in the human report and counts them', () => {
    const human = ws.run(['--verbose', NOTE], K3D_134).stdout;
    expect(human).toMatch(/≈ ch3-docker-desktop\.md:94 kubectl delete pod -l app=sleep-2 ≈ kubectl-1\.34-delete-wording/);
    expect(human).toMatch(/✓ ch3-docker-desktop\.md:11 kubectl apply/);
    expect(human).toContain('15 steps: 15 pass (10 portable)');
  }, 120_000);

  it('is stale under --strict, step by step, with the facts named', () => {
    const strict = ws.report(['--strict', '--converge', '0']);
    expect(strict.exitCode).toBe(1);
    expect(strict.report.notes[0].status).toBe('stale');
    const stale = byLine(strict.report);
    for (const line of [19, 25, 43, 59, 65, 84, 87, 94, 96, 100]) expect(stale.get(line)?.status, `line ${line}`).toBe('stale');
    expect((stale.get(94) as Step & { notes?: string[] }).notes?.join('\n')).toContain('kubectl-1.34-delete-wording');
    expect(stale.get(11)?.status).toBe('pass');
  }, 180_000);

  it('offline, judges the note against the k3d snapshot the same way', () => {
    const offline = ws.report(['--offline']);
    expect(offline.report.notes[0].status).toBe('fresh');
    expect(byLine(offline.report).get(94)?.portable).toEqual(['kubectl-1.34-delete-wording']);
    expect(ws.report(['--offline', '--strict']).report.notes[0].status).toBe('stale');
  }, 120_000);
});

describe('the same note on kind with kubectl 1.31', () => {
  it('is fresh: only flavour and kubelet differences are portable, the 1.34 and 1.33 facts do not apply', () => {
    const { report } = portableWorkspace(KIND_131).report();
    const steps = byLine(report);
    expect(report.notes[0].status).toBe('fresh');
    expect(steps.get(19)?.portable).toEqual(['node-name-by-flavour']);
    expect(steps.get(25)?.portable).toEqual(['kubelet-pulled-image-details', 'node-name-by-flavour']);
    expect(steps.get(65)?.portable).toEqual(['kube-system-by-flavour']);
    expect(steps.get(84)?.portable).toEqual(['lb-address-by-flavour']);
    for (const line of [43, 59, 94, 96, 100]) expect(steps.get(line)?.portable, `line ${line}`).toBeUndefined();
  }, 120_000);
});

describe('--update and portable steps', () => {
  it('leaves portable differences as written; --update=all rewrites them and records where the note now comes from', () => {
    const ws = portableWorkspace(K3D_134);
    const before = ws.note(NOTE);
    const updated = ws.report(['--update']);
    expect(updated.report.notes[0].status).toBe('fresh');
    expect(ws.note(NOTE)).toBe(before);

    const all = ws.report(['--update=all']);
    expect(all.exitCode).toBe(0);
    const after = ws.note(NOTE);
    expect(after).not.toBe(before);
    expect(after).toContain('k3d-dev-server-0');
    expect(after).toContain('deleted from default namespace');
    expect(after).not.toMatch(/notes-run-ch3-docker-desktop-/);
    expect(after).not.toContain('docker-desktop   <none>');
    const snapshot = parse(readFileSync(join(ws.dir, 'snapshots', `${NOTE}.yaml`), 'utf8'));
    expect(snapshot.documentedOn).toMatchObject({ flavour: 'k3d', client: 'v1.34.1' });

    // Rewritten, the note holds on k3d as it is: nothing portable is left to name.
    const again = ws.report();
    expect(again.report.notes[0].status).toBe('fresh');
    expect(again.report.summary).toMatchObject({ portable: 0 });
  }, 240_000);

  it('rejects any other --update scope', () => {
    const ws = workspace();
    const result = ws.run(['--update=some', 'ch3.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--update takes no value or "all", not "some"');
    expect(existsSync(join(ws.dir, 'snapshots'))).toBe(false);
  });
});
