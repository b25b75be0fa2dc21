import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { advance } from '../double/clock.mjs';

// The double's cold and failing cluster: slow pulls, pulls that fail, rate limits, crash
// loops, a missing ConfigMap and an unschedulable pod, as a note's kubectl sees them.

const KUBECTL = fileURLToPath(new URL('../double/kubectl', import.meta.url));
const KUBECONFIG = fileURLToPath(new URL('../double/fixtures/kubeconfig.yaml', import.meta.url));

const pod = (name: string, image: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:${extra}
  containers: [{name: app, image: ${image}${name === 'nocm' ? ', envFrom: [{configMapRef: {name: app-config}}]' : ''}}]
---
`;

function cluster(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'double-states-'));
  const kubectl = (...args: string[]) =>
    spawnSync(KUBECTL, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, KUBECONFIG, KUBE_DOUBLE_STATE: join(dir, 'state'), ...env } });
  const apply = (yaml: string) => {
    writeFileSync(join(dir, 'm.yaml'), yaml);
    return kubectl('apply', '-f', 'm.yaml');
  };
  const status = (name: string) => JSON.parse(kubectl('get', 'pod', name, '-o', 'json').stdout).status;
  return { dir: join(dir, 'state'), kubectl, apply, status };
}

const IMAGES = JSON.stringify({
  'kiamol/ch03-sleep': { pullMs: 40_000 },
  'kiamol/ch03-nope': { pull: 'not-found' },
  'kiamol/ch03-busy': { pull: 'rate-limit' },
  'kiamol/crashy': { crash: ['starting up', 'panic: no config'] },
});

describe('the double on a cold cluster', () => {
  it('pulls an image for the time set, scaled, once per node; wait times out meanwhile, scaled too', () => {
    // At scale 2 the pull lasts 20 s: no loaded machine gets through the next calls before it ends.
    const { dir, kubectl, apply, status } = cluster({ KUBE_DOUBLE_IMAGES: IMAGES, KUBE_DOUBLE_TIME_SCALE: '2' });
    apply(pod('a', 'kiamol/ch03-sleep') + pod('b', 'kiamol/ch03-sleep'));
    expect(status('a').containerStatuses[0].state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(kubectl('get', 'events').stdout).toMatch(/Normal +Pulling +pod\/a +Pulling image "kiamol\/ch03-sleep"/);
    const timedOut = kubectl('wait', '--for=condition=Ready', 'pod/a', '--timeout=1s');
    expect(timedOut.stderr).toBe('error: timed out waiting for the condition on pods/a\n');
    // The clock advanced past the pull instead of waiting it out.
    advance(dir, 20_000);
    expect(kubectl('wait', '--for=condition=Ready', 'pod/a', 'pod/b', '--timeout=60s').stdout).toBe('pod/a condition met\npod/b condition met\n');
    expect(kubectl('get', 'events').stdout).toMatch(/Successfully pulled image "kiamol\/ch03-sleep" in 40\.\d+s/);
    apply(pod('c', 'kiamol/ch03-sleep'));
    expect(status('c').phase).toBe('Running');
  });
});

describe('the double on a failing cluster', () => {
  const { dir, kubectl, apply, status } = cluster({ KUBE_DOUBLE_IMAGES: IMAGES, KUBE_DOUBLE_TIME_SCALE: '10' });
  apply(
    pod('nope', 'kiamol/ch03-nope') +
      pod('busy', 'kiamol/ch03-busy') +
      pod('crashy', 'kiamol/crashy') +
      pod('nocm', 'kiamol/ch03-ok') +
      pod('nosched', 'kiamol/ch03-ok', '\n  nodeSelector: {disk: ssd}'),
  );
  // Past a failed pull's 2 s of ErrImagePull (scaled): the clock moved on, not waited for.
  advance(dir, 500);

  it('fails a pull: ErrImagePull, then ImagePullBackOff with the registry message', () => {
    expect(status('nope').containerStatuses[0].state.waiting).toMatchObject({ reason: 'ImagePullBackOff' });
    expect(status('nope').containerStatuses[0].state.waiting.message).toContain('pull access denied, repository does not exist');
    expect(kubectl('get', 'pod', 'nope').stdout).toMatch(/nope +0\/1 +ImagePullBackOff/);
    expect(kubectl('logs', 'nope').stderr).toContain('is waiting to start: trying and failing to pull image');
  });

  it('hits the rate limit: toomanyrequests in the status and the Warning events', () => {
    expect(status('busy').containerStatuses[0].state.waiting.message).toContain('429 Too Many Requests - Server message: toomanyrequests');
    const warnings = JSON.parse(kubectl('get', 'events', '--field-selector', 'type=Warning', '-o', 'json').stdout).items;
    expect(warnings.every((e: { type: string }) => e.type === 'Warning')).toBe(true);
    expect(warnings.map((e: { message: string }) => e.message).join('\n')).toContain('toomanyrequests');
  });

  it('crash-loops a container, with its last lines in logs and a restart count', () => {
    const cs = status('crashy').containerStatuses[0];
    expect(cs.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(status('crashy').phase).toBe('Running');
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(cs.restartCount).toBeGreaterThan(0);
    expect(kubectl('logs', 'crashy', '--tail=1').stdout).toBe('panic: no config\n');
  });

  it('will not start a container whose ConfigMap is missing, and starts it once it exists', () => {
    expect(status('nocm').containerStatuses[0].state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' });
    kubectl('create', 'configmap', 'app-config', '--from-literal=a=b');
    expect(status('nocm').phase).toBe('Running');
  });

  it('leaves a pod no node matches unscheduled', () => {
    const st = status('nosched');
    expect(st.phase).toBe('Pending');
    expect(st.containerStatuses).toBeUndefined();
    expect(st.conditions[0]).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' });
    expect(kubectl('get', 'events', '--field-selector', 'type=Warning').stdout).toMatch(/FailedScheduling +pod\/nosched +0\/1 nodes are available/);
  });
});
