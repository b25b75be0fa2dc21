import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../e2e/workspace.js';
import { expectVerdicts } from './expect-verdicts.js';
import { runNote } from './live-workspace.js';

// A note written in `default` on a fresh cluster (default-style.md, beside this file), run
// with default settings, so in a run namespace of its own, against the real API server:
// fresh, each difference isolation explains said on its step (SPEC §3, issue 20 items 3-4).
// The same note runs on the double in test/e2e/isolation.test.ts.

const NOTE = join(root, 'test', 'cluster', 'live', 'default-style.md');

describe('default-style.md live, isolated', () => {
  const run = runNote('default-style.md', [], 'cluster', [NOTE]);

  it('is fresh', () => {
    expectVerdicts(run, [
      [6, 'pass', 'kubectl apply -f sleep/sleep1.yaml'],
      [10, 'pass', 'kubectl wait --for=condition=Ready pod -l app=sleep-2'],
      [17, 'pass', 'kubectl get svc'], // isolation: context-kubernetes-service
      [21, 'pass', 'kubectl get svc -n default'], // isolation: context-kubernetes-service
      [25, 'pass', 'kubectl get svc --namespace=default sleep-2'],
      [28, 'pass', 'kubectl get endpoints'], // isolation: context-kubernetes-endpoints; portable: apiserver-1.33-endpoints-warning
      [35, 'pass', 'kubectl describe service kubernetes'], // isolation: context-kubernetes-service
      [58, 'pass', 'kubectl exec deploy/sleep-1 -- sh -c'],
      [68, 'pass', 'kubectl delete svc --all'], // isolation: context-kubernetes-service; portable: kubectl-1.34-delete-wording
      [71, 'pass', 'kubectl get svc'], // isolation: context-kubernetes-service
    ]);
    expect(run.report.notes[0].status).toBe('fresh');
  });

  it('says on each step what isolation explained', () => {
    const isolation = new Map(run.report.notes[0].steps.map((step) => [step.line, (step as { isolation?: string[] }).isolation]));
    for (const line of [17, 21, 35, 68, 71]) expect(isolation.get(line), `line ${line}`).toEqual(['context-kubernetes-service']);
    expect(isolation.get(28)).toEqual(['context-kubernetes-endpoints']);
  });
});
