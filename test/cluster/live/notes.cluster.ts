import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectVerdicts, type Expected } from './expect-verdicts.js';
import { KWOK_EXEC_ERROR } from './limits.js';
import { REAL_NODE, runNote, type LiveRun } from './live-workspace.js';

// notes/ch3.md live against the real control plane of
// test/cluster/ (kube-apiserver, controllers, scheduler, etcd, kwok's fake node) with the
// real kubectl. Every step must get the verdict a careful reader gives it on a real k3d
// cluster, except where this cluster cannot behave like one: those steps are listed
// with their limit (limits.ts), and their verdict here is asserted too. The fixture
// notes are in fixture-notes.cluster.ts.

/** kubectl 1.34 names the namespace in what `delete` prints; notes/ch3.md was written with an older kubectl. */
const DELETE_WORDING = 'kubectl >= 1.34 prints `pod "x" deleted from NS namespace`; the note documents `pod "x" deleted`: a portability fact, so the step passes as portable';

/** The image's older real kubectl (Google's package), when the machine has it. */
const kubectl133 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';

/** The minor version of the kubectl first on PATH (test/cluster/exec.sh puts the cluster's there). */
const pathMinor = Number(JSON.parse(spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' }).stdout || '{}').clientVersion?.minor ?? 0);

function ch3Verdicts(): Expected[] {
  return [
    [18, 'pass', 'kubectl apply -f sleep/sleep1.yaml -f sleep/sleep2.yaml'],
    [24, 'pass', 'kubectl wait --for=condition=Ready pod -l app=sleep-1'],
    [26, 'pass', 'kubectl wait --for=condition=Ready pod -l app=sleep-2'],
    [31, 'pass', "kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}'"],
    // ping is the project's simulated BusyBox ping (kwok runs no containers); the pod IP it pings is real.
    [36, 'pass', 'kubectl exec deploy/sleep-1 -- ping -c 2 $(kubectl get pod'],
    [51, 'pass', "kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}'"],
    [56, 'pass', 'kubectl delete pods -l app=sleep-2'],
    [61, 'pass', "kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}'"],
    [66, 'pass', 'yaml block (sleep/sleep2-service.yaml)'],
    [79, 'pass', 'kubectl apply -f sleep/sleep2-service.yaml'],
    [84, 'pass', 'kubectl get svc sleep-2'],
    // The ping to a ClusterIP fails as documented, but kwok words the failure its own way.
    [92, 'stale', 'kubectl exec deploy/sleep-1 -- ping -c 1 sleep-2', KWOK_EXEC_ERROR],
  ];
}

function expectKwokExecWording(run: LiveRun): void {
  const ping = run.report.notes[0].steps.find((s) => s.line === 92)!;
  expect(ping.exitCode, KWOK_EXEC_ERROR.why).toBe(1);
  expect(ping.actual, KWOK_EXEC_ERROR.why).toContain('error executing command in container');
  expect(ping.actual).toContain('1 packets transmitted, 0 packets received, 100% packet loss');
}

// On the real node, real-node.cluster.ts runs the note instead: kwok's limits are gone there.
describe.skipIf(REAL_NODE)('notes/ch3.md live on the test control plane', () => {
  let live: LiveRun;

  it(`with the cluster's kubectl (v1.${pathMinor}): every step its verdict`, () => {
    live = runNote('ch3.md', [], 'cluster');
    expectVerdicts(live, ch3Verdicts());
    const deleted = live.report.notes[0].steps.find((s) => s.line === 56)!;
    if (pathMinor >= 34) {
      expect(deleted.actual, DELETE_WORDING).toMatch(/^pod "sleep-2-[a-z0-9]+-[a-z0-9]{5}" deleted from notes-run-ch3-\S+ namespace$/m);
      expect(deleted.portable, DELETE_WORDING).toEqual(['kubectl-1.34-delete-wording']);
    }
    expectKwokExecWording(live);
  });

  it.skipIf(!existsSync(kubectl133) || pathMinor === 33)('with kubectl 1.33, whose delete wording the note documents: every step its verdict', () => {
    const older = runNote('ch3.md', ['--kubectl', kubectl133], 'cluster');
    expectVerdicts(older, ch3Verdicts());
    expect(older.report.notes[0].steps.find((s) => s.line === 56)!.portable).toBeUndefined();
    expectKwokExecWording(older);
  });

  it('takes about as long as against the double (printed, never asserted)', () => {
    const double = runNote('ch3.md', [], 'double');
    expect(double.report.notes[0].status).toBe('fresh');
    process.stdout.write(`notes/ch3.md live: ${live.seconds.toFixed(1)} s on the test control plane, ${double.seconds.toFixed(1)} s on the double\n`);
  });
});
