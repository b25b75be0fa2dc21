import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectVerdicts, type Expected } from './expect-verdicts.js';
import { CONTEXT, REAL_NODE, runNote } from './live-workspace.js';

// The real node of the cluster tier (npm run cluster:up -- --node real, or
// NOTES_RUN_NODE=real npm run test:cluster): a kubelet running containers through
// containerd and runc, a CNI bridge, kube-proxy, CoreDNS and a registry of stand-in
// images (test/cluster/node-real-up.sh). Only the programs inside the containers are the
// project's (test/cluster/node/images/stand-ins.json); pulls, containers, exec, pod
// networking, Services and DNS are the real ones.

const ns = `real-node-${process.pid}`;

function kubectl(...args: string[]): { status: number | null; out: string; err: string } {
  const r = spawnSync('kubectl', ['--context', CONTEXT, '-n', ns, ...args], { encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

function ok(...args: string[]): string {
  const r = kubectl(...args);
  expect(r.status, `kubectl ${args.join(' ')}\n${r.err}`).toBe(0);
  return r.out;
}

describe.skipIf(!REAL_NODE)('the real node', () => {
  beforeAll(() => {
    spawnSync('kubectl', ['--context', CONTEXT, 'create', 'namespace', ns], { encoding: 'utf8' });
    // Pods are refused until the controller manager has made the namespace's ServiceAccount.
    for (let i = 0; i < 100 && kubectl('get', 'serviceaccount', 'default').status !== 0; i++) spawnSync('sleep', ['0.3']);
  });
  afterAll(() => {
    if (process.env.NOTES_RUN_REGISTRY_RULES) writeFileSync(process.env.NOTES_RUN_REGISTRY_RULES, '');
    spawnSync('kubectl', ['--context', CONTEXT, 'delete', 'namespace', ns, '--wait=false'], { encoding: 'utf8' });
  });

  it('pulls an image from the registry and runs it in a container that exec reaches', () => {
    ok('run', 'sleep', '--image=kiamol/ch03-sleep');
    ok('wait', '--for=condition=Ready', 'pod/sleep', '--timeout=120s');
    const podIP = ok('get', 'pod', 'sleep', '-o', 'jsonpath={.status.podIP}');
    expect(podIP).toMatch(/^10\.42\.0\.\d+$/);
    expect(ok('get', 'pod', 'sleep', '-o', 'jsonpath={.status.containerStatuses[0].containerID}')).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    // The container's own view: its address, and its PID 1 is the image's command.
    expect(ok('exec', 'sleep', '--', 'hostname', '-i').trim()).toBe(podIP);
    expect(ok('exec', 'sleep', '--', 'cat', '/proc/1/cmdline').split('\0').filter(Boolean)).toEqual(['sleep', '100000']);
    const failed = kubectl('exec', 'sleep', '--', 'sh', '-c', 'exit 3');
    expect(failed.err).toContain('command terminated with exit code 3');
    const events = ok('get', 'events', '--field-selector', 'involvedObject.name=sleep', '-o', 'jsonpath={range .items[*]}{.reason} {end}');
    expect(events.split(' ')).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
  });

  it('routes a ClusterIP Service and answers its name from the cluster DNS', () => {
    ok('create', 'deployment', 'web', '--image=kiamol/ch02-hello-kiamol');
    ok('expose', 'deployment', 'web', '--port=8080', '--target-port=80', '--type=NodePort');
    ok('wait', '--for=condition=Available', 'deployment/web', '--timeout=120s');
    const clusterIP = ok('get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}');
    const lookup = ok('exec', 'sleep', '--', 'nslookup', `web.${ns}.svc.cluster.local`);
    expect(lookup).toContain(`Address: ${clusterIP}`);
    expect(ok('exec', 'sleep', '--', 'cat', '/etc/resolv.conf')).toMatch(/^nameserver 10\.43\.0\.10$/m);
    // By its short name (the pod's search domains), through kube-proxy's rules to the pod.
    expect(ok('exec', 'sleep', '--', 'wget', '-q', '-O', '-', 'http://web:8080')).toContain('<title>Hello from Kiamol</title>');
    // A NodePort answers on the node's address.
    const nodePort = ok('get', 'svc', 'web', '-o', 'jsonpath={.spec.ports[0].nodePort}');
    expect(ok('exec', 'sleep', '--', 'wget', '-q', '-O', '-', `http://192.0.2.10:${nodePort}`)).toContain('Hello from Kiamol');
  });

  it('a ping to a ClusterIP is lost, as on k3s (no ICMP answer from a node without a route out)', () => {
    const r = kubectl('exec', 'sleep', '--', 'ping', '-c', '1', 'web');
    expect(r.status).toBe(1);
    expect(r.out).toContain('1 packets transmitted, 0 packets received, 100% packet loss');
    expect(r.err).toBe('command terminated with exit code 1\n');
  });

  it.skipIf(!process.env.NOTES_RUN_REGISTRY_RULES)('an image the registry refuses fails to pull with the cluster\'s own reason', () => {
    writeFileSync(process.env.NOTES_RUN_REGISTRY_RULES!, 'refuse kiamol/ch02-hello-kiamol\n');
    ok('run', 'refused', '--image=kiamol/ch02-hello-kiamol');
    let reason = '';
    for (let i = 0; i < 120 && !/ErrImagePull|ImagePullBackOff/.test(reason); i++) {
      spawnSync('sleep', ['0.5']);
      reason = kubectl('get', 'pod', 'refused', '-o', 'jsonpath={.status.containerStatuses[0].state.waiting.reason}').out;
    }
    expect(reason).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    const events = ok('get', 'events', '--field-selector', 'involvedObject.name=refused', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}');
    expect(events).toMatch(/Failed to pull image "kiamol\/ch02-hello-kiamol".*not found/);
  });

  it('notes/ch3.md: every step passes on real containers, the note is fresh', () => {
    const live = runNote('ch3.md', [], 'cluster');
    const steps: Expected[] = [
      [18, 'pass', 'kubectl apply -f sleep/sleep1.yaml -f sleep/sleep2.yaml'],
      [24, 'pass', 'kubectl wait --for=condition=Ready pod -l app=sleep-1'],
      [26, 'pass', 'kubectl wait --for=condition=Ready pod -l app=sleep-2'],
      [31, 'pass', "kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}'"],
      // Busybox's ping in a real container to a real pod on the bridge.
      [36, 'pass', 'kubectl exec deploy/sleep-1 -- ping -c 2 $(kubectl get pod'],
      [51, 'pass', "kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}'"],
      [56, 'pass', 'kubectl delete pods -l app=sleep-2'],
      [61, 'pass', "kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}'"],
      [66, 'pass', 'yaml block (sleep/sleep2-service.yaml)'],
      [79, 'pass', 'kubectl apply -f sleep/sleep2-service.yaml'],
      [84, 'pass', 'kubectl get svc sleep-2'],
      // The name from CoreDNS, the packet lost at the ClusterIP, kubectl's own wording of the exit.
      [92, 'pass', 'kubectl exec deploy/sleep-1 -- ping -c 1 sleep-2'],
    ];
    expectVerdicts(live, steps);
    expect(live.report.notes[0].status).toBe('fresh');
    process.stdout.write(`notes/ch3.md on the real node: ${live.seconds.toFixed(1)} s\n`);
  });
});
