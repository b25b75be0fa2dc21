import { describe, expect, it } from 'vitest';
import { diagnosisOf, outlookOf, crashing } from '../../src/cluster/pod-outlook.js';
import { readClusterView } from '../../src/cluster/pod-states.js';

// The run's pods as `kubectl get pods,events -o json` lists them (shapes of kubectl 1.32
// against k3s v1.31), and what a waiting or failed step makes of them.

const T0 = Date.parse('2026-12-01T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z');

function pod(name: string, status: Record<string, unknown>) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'notes-run-x' }, status };
}
const ready = (name: string) =>
  pod(name, {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [{ name: 'app', image: 'kiamol/ch03-sleep', ready: true, restartCount: 0, state: { running: {} } }],
  });
const waiting = (name: string, reason: string, message?: string, extra: Record<string, unknown> = {}) =>
  pod(name, {
    phase: 'Pending',
    conditions: [{ type: 'Ready', status: 'False' }],
    containerStatuses: [{ name: 'app', image: 'kiamol/ch03-sleep', ready: false, restartCount: 0, state: { waiting: { reason, ...(message ? { message } : {}) } }, ...extra }],
  });
const event = (object: string, type: string, reason: string, message: string, s: number) => ({
  kind: 'Event',
  type,
  reason,
  message,
  involvedObject: { kind: 'Pod', name: object },
  lastTimestamp: at(s),
});
const list = (...items: unknown[]) => readClusterView(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));

describe('what a waiting step waits for', () => {
  it('names the image being pulled and for how long', () => {
    const view = list(waiting('sleep-1-x', 'ContainerCreating'), event('sleep-1-x', 'Normal', 'Pulling', 'Pulling image "kiamol/ch03-sleep"', 0));
    expect(outlookOf(view, T0 + 23_400)).toMatchObject({ kind: 'starting', waitingFor: 'pulling kiamol/ch03-sleep 23 s' });
  });

  it('forgets a pull that finished, and counts pods still being created', () => {
    const view = list(
      waiting('a', 'ContainerCreating'),
      waiting('b', 'ContainerCreating'),
      event('a', 'Normal', 'Pulling', 'Pulling image "kiamol/ch03-sleep"', 0),
      event('a', 'Normal', 'Pulled', 'Successfully pulled image "kiamol/ch03-sleep" in 3s', 3),
    );
    expect(outlookOf(view, T0 + 5000)).toMatchObject({ kind: 'starting', waitingFor: '2 pods ContainerCreating' });
  });

  it('keeps waiting while one pod starts even if another fails', () => {
    const view = list(waiting('a', 'ContainerCreating'), waiting('b', 'ImagePullBackOff'));
    expect(outlookOf(view, T0).kind).toBe('starting');
  });

  it('stops waiting for pods that fail for good', () => {
    for (const reason of ['ErrImagePull', 'ImagePullBackOff', 'CrashLoopBackOff', 'CreateContainerConfigError']) {
      expect(outlookOf(list(ready('ok'), waiting('b', reason)), T0)).toMatchObject({ kind: 'failing', why: `pod b ${reason}` });
    }
    const unschedulable = pod('c', { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available' }] });
    expect(outlookOf(list(unschedulable), T0)).toMatchObject({ kind: 'failing', why: 'pod c Unschedulable' });
  });

  it('has nothing to wait for when every pod is Ready or done', () => {
    const done = pod('job-x', { phase: 'Succeeded', conditions: [{ type: 'Ready', status: 'False' }] });
    expect(outlookOf(list(ready('a'), done), T0)).toMatchObject({ kind: 'settled' });
    expect(outlookOf(readClusterView('not json'), T0)).toMatchObject({ kind: 'settled' });
  });
});

describe('why a step failed', () => {
  it('is nothing when every pod is Ready', () => {
    expect(diagnosisOf(list(ready('a'), event('a', 'Warning', 'Unhealthy', 'probe failed', 1)))).toBeUndefined();
  });

  it('names each pod that is not Ready, its reason, image and message, and the last five warnings', () => {
    const warnings = Array.from({ length: 7 }, (_, i) => event('b', 'Warning', 'Failed', `Error ${i}`, i));
    const view = list(ready('a'), waiting('b', 'ImagePullBackOff', 'Back-off pulling image "kiamol/ch03-nope"'), event('b', 'Normal', 'Pulling', 'x', 0), ...warnings);
    expect(diagnosisOf(view)).toEqual({
      pods: [{ pod: 'b', phase: 'Pending', reason: 'ImagePullBackOff', container: 'app', image: 'kiamol/ch03-sleep', message: 'Back-off pulling image "kiamol/ch03-nope"' }],
      events: ['Failed pod/b: Error 2', 'Failed pod/b: Error 3', 'Failed pod/b: Error 4', 'Failed pod/b: Error 5', 'Failed pod/b: Error 6'],
    });
  });

  it('knows which containers crash, for their logs', () => {
    const looping = waiting('c', 'CrashLoopBackOff', 'back-off 10s', { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: 'Error' } } });
    const view = list(looping, waiting('d', 'ContainerCreating'));
    expect(crashing(view)).toEqual([{ pod: 'c', container: 'app' }]);
    expect(diagnosisOf(view)!.pods[0]).toMatchObject({ reason: 'CrashLoopBackOff', restarts: 3 });
  });

  it('gives the scheduler its words for a pod it could not place', () => {
    const unschedulable = pod('c', { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.' }] });
    expect(diagnosisOf(list(unschedulable))!.pods).toEqual([{ pod: 'c', phase: 'Pending', reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.' }]);
  });
});

describe('whether the namespace holds still', () => {
  const versioned = (item: Record<string, any>, resourceVersion: string) => ({ ...item, metadata: { ...item.metadata, resourceVersion } });
  const deployment = (name: string, spec: number, status: Record<string, unknown>, generation = 1) => ({
    kind: 'Deployment',
    metadata: { name, generation, resourceVersion: '9' },
    spec: { replicas: spec },
    status: { observedGeneration: generation, ...status },
  });

  it('says what was written: the same objects at the same resourceVersions give the same state, events aside', () => {
    const before = outlookOf(list(versioned(ready('a'), '5'), event('a', 'Normal', 'Pulled', 'x', 0)), T0);
    const same = outlookOf(list(versioned(ready('a'), '5'), event('a', 'Normal', 'Started', 'y', 1)), T0);
    const written = outlookOf(list(versioned(ready('a'), '6')), T0);
    expect(before).toMatchObject({ kind: 'settled', state: 'Pod/a@5' });
    expect(same.state).toBe(before.state);
    expect(written.state).not.toBe(before.state);
    expect(before.moving).toBeUndefined();
  });

  it('moves while a pod terminates, and the terminating pod is not waited for as starting', () => {
    const ending = { ...waiting('old', 'ContainerCreating'), metadata: { name: 'old', deletionTimestamp: at(0) } };
    expect(outlookOf(list(ready('new'), ending), T0)).toMatchObject({ kind: 'settled', moving: 'pod/old terminating' });
  });

  it('moves while a Deployment has not caught up with its spec, and not once it has', () => {
    expect(outlookOf(list(deployment('web', 2, { replicas: 1, updatedReplicas: 1 })), T0).moving).toBe('deployment/web rolling out');
    expect(outlookOf(list(deployment('web', 1, { replicas: 1, updatedReplicas: 1 }, 2)), T0).moving).toBeUndefined();
    expect(outlookOf(list({ ...deployment('web', 1, { replicas: 1, updatedReplicas: 1 }), status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1 }, metadata: { name: 'web', generation: 2 } }), T0).moving).toBe(
      'deployment/web rolling out',
    );
  });
});
