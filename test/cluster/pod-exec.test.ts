import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The programs kwok runs for `kubectl exec` on the test cluster (test/cluster/pod/): the
// double's simulated container, fed with the API server's objects as kubectl prints them.
// Here a stand-in kubectl prints a recorded-style list, so no cluster and no Go is needed.

const entry = new URL('pod/exec.mjs', import.meta.url).pathname;
const ts = new Date(Date.now() - 60_000).toISOString();
const pod = (name: string, ip: string, labels: Record<string, string>, env: object[] = []) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'notes', labels, creationTimestamp: ts },
  spec: { containers: [{ name: 'sleep', image: 'kiamol/ch03-sleep', env }], nodeName: 'k3d-notes-server-0' },
  status: { podIP: ip, phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
});
const items = [
  pod('sleep-1-5bfcffdc46-vh8fd', '10.42.0.5', { app: 'sleep-1' }, [{ name: 'KIAMOL_CHAPTER', value: '04' }]),
  pod('sleep-2-594d57479-wmkmd', '10.42.0.6', { app: 'sleep-2' }),
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'sleep-2', namespace: 'notes', creationTimestamp: ts },
    spec: { type: 'ClusterIP', clusterIP: '10.43.44.128', selector: { app: 'sleep-2' }, ports: [{ port: 80, protocol: 'TCP' }] },
  },
];

function inPod(argv: string[], input = '') {
  const dir = mkdtempSync(join(tmpdir(), 'notes-run-pod-'));
  const kubectl = join(dir, 'kubectl');
  writeFileSync(join(dir, 'list.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  writeFileSync(kubectl, `#!/bin/sh\nexec /bin/cat "${join(dir, 'list.json')}"\n`);
  chmodSync(kubectl, 0o755);
  return spawnSync(process.execPath, [entry, ...argv], {
    input,
    encoding: 'utf8',
    env: { PATH: '/nonexistent', NOTES_RUN_KUBECTL: kubectl, NOTES_RUN_KUBECONFIG: '/dev/null', NOTES_RUN_POD: 'sleep-1-5bfcffdc46-vh8fd', NOTES_RUN_NAMESPACE: 'notes' },
  });
}

describe('a program in a pod of the test cluster', () => {
  it('ping reaches a pod IP the API server gave', () => {
    const r = inPod(['ping', '-c', '2', '10.42.0.6']);
    expect(r.stdout).toContain('PING 10.42.0.6 (10.42.0.6): 56 data bytes');
    expect(r.stdout).toContain('2 packets transmitted, 2 packets received, 0% packet loss');
    expect(r.status).toBe(0);
  });

  it('ping resolves a Service name in the pod namespace to its ClusterIP, which does not answer', () => {
    const r = inPod(['ping', '-c', '1', 'sleep-2']);
    expect(r.stdout).toContain('PING sleep-2 (10.43.44.128): 56 data bytes');
    expect(r.stdout).toContain('1 packets transmitted, 0 packets received, 100% packet loss');
    expect(r.status).toBe(1);
  });

  it('nslookup answers from the Services, with the pod namespace in the search path', () => {
    const r = inPod(['nslookup', 'sleep-2']);
    expect(r.stdout).toContain('Name:\tsleep-2.notes.svc.cluster.local\nAddress: 10.43.44.128');
  });

  it('hostname and printenv are the pod name and the container spec', () => {
    expect(inPod(['hostname']).stdout).toBe('sleep-1-5bfcffdc46-vh8fd\n');
    expect(inPod(['printenv', 'KIAMOL_CHAPTER']).stdout).toBe('04\n');
    expect(inPod(['sh', '-c', 'printenv | grep ^SLEEP_2_SERVICE_HOST']).stdout).toBe('SLEEP_2_SERVICE_HOST=10.43.44.128\n');
  });

  it('a shell reads the typed lines from stdin', () => {
    const r = inPod(['sh'], 'hostname\nexit 3\n');
    expect(r.stdout).toBe('sleep-1-5bfcffdc46-vh8fd\n');
    expect(r.status).toBe(3);
  });

  it('says which pod is missing when no Exec object named one yet', () => {
    const r = spawnSync(process.execPath, [entry, 'hostname'], { encoding: 'utf8', env: { PATH: '/nonexistent' } });
    expect(r.status).toBe(126);
    expect(r.stderr).toContain('no Exec object names it yet');
  });
});
