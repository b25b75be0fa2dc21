import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyTolerances, builtinTolerances } from '../../src/compare/tolerances/registry.js';
import type { Tolerance } from '../../src/compare/tolerances/tolerance.js';

// The comparator collapses blanks after the tolerances; do the same so the tables below
// read like the comparison they stand for.
function key(line: string, tolerances: readonly Tolerance[] = builtinTolerances): string {
  return applyTolerances(line, tolerances).replace(/\s+/g, ' ').trim();
}

function without(name: string): readonly Tolerance[] {
  return builtinTolerances.filter((tolerance) => tolerance.name !== name);
}

type Pair = [string, string];

/**
 * Pins one rule down: `same` are lines from two runs that must compare equal (and that
 * would not without this rule); `apart` is drift that must stay visible.
 */
function rule(name: string, cases: { same: Pair[]; apart: Pair[] }): void {
  describe(name, () => {
    it('is registered', () => {
      expect(builtinTolerances.map((tolerance) => tolerance.name)).toContain(name);
    });
    it.each(cases.same)('tolerates %j ~ %j', (documented, actual) => {
      expect(key(documented)).toBe(key(actual));
      expect(key(documented, without(name))).not.toBe(key(actual, without(name)));
    });
    it.each(cases.apart)('keeps %j apart from %j', (documented, actual) => {
      expect(key(documented)).not.toBe(key(actual));
    });
  });
}

const hex64a = '3f4e9c2b8a7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f';
const hex64b = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('every built-in tolerance', () => {
  it.each(builtinTolerances.map((tolerance) => [tolerance.name, tolerance] as const))(
    '%s rewrites its own example',
    (_name, tolerance) => {
      expect(tolerance.example.replace(tolerance.pattern, tolerance.replacement)).not.toBe(tolerance.example);
    },
  );

  it.each(builtinTolerances.map((tolerance) => [tolerance.name, tolerance] as const))(
    '%s is global, explained in one line, and writes <<kind>> placeholders',
    (_name, tolerance) => {
      expect(tolerance.pattern.flags).toContain('g');
      expect(tolerance.reason).toMatch(/^[^\n]{10,}$/);
      expect(tolerance.replacement).toMatch(/<<[a-z-]+>>/);
    },
  );

  it('has unique names', () => {
    const names = builtinTolerances.map((tolerance) => tolerance.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(builtinTolerances.map((tolerance) => [tolerance.name, tolerance.example] as const))(
    'leaves the placeholders of %s alone on a second pass',
    (_name, example) => {
      const once = applyTolerances(example, builtinTolerances);
      expect(applyTolerances(once, builtinTolerances)).toBe(once);
    },
  );

  it('applies user tolerances given after the built-in ones', () => {
    const build: Tolerance = {
      name: 'build-id',
      reason: 'The app prints its build id.',
      example: 'build 4711',
      pattern: /(?<=build )\d+/g,
      replacement: '<<build>>',
    };
    expect(applyTolerances('build 4711 at 10.42.0.5', [...builtinTolerances, build])).toBe('build <<build>> at <<ip>>');
  });
});

describe('placeholders in place', () => {
  it.each<Pair>([
    ['10.42.0.5:80', '<<ip>>:80'],
    ['[::1]:8080', '[<<ip>>]:8080'],
    ['8080:32219/TCP', '8080:<<nodeport>>/TCP'],
    ['sleep-2-594d57479-wmkmd', 'sleep-2-<<hash>>-<<id>>'],
    ['replicaset.apps/sleep-2-594d57479', 'replicaset.apps/sleep-2-<<hash>>'],
    ['kube-api-access-bj99n', 'kube-api-access-<<id>>'],
    ['Running   1 (23h ago)   2d', 'Running   1 (<<age>> ago)   <<age>>'],
    ['I0827 23:00:41.123456   12345 file.go:12] msg', 'I<<time>> <<pid>> file.go:12] msg'],
    ['[1] 12345', '[1] <<pid>>'],
    ['time=0.362 ms', 'time=<<timing>> ms'],
  ])('%j becomes %j', (line, expected) => {
    expect(applyTolerances(line, builtinTolerances)).toBe(expected);
  });
});

rule('ipv4', {
  same: [
    ['64 bytes from 10.42.0.60: seq=0 ttl=64 time=0.362 ms', '64 bytes from 10.42.0.62: seq=0 ttl=64 time=0.101 ms'],
    ['PING 10.xx.xx.xx (10.xx.xx.xx): 56 data bytes', 'PING 10.42.0.62 (10.42.0.62): 56 data bytes'],
    ['10.42.0.xx%', '10.42.0.62%'],
    ['--- x.x.x.x ping statistics ---', '--- 192.168.1.10 ping statistics ---'],
    ['xxx.xxx.xxx.xxx', '172.18.0.2'],
    ['PING 10.*.*.* (10.*.*.*): 56 data bytes', 'PING 10.42.0.62 (10.42.0.62): 56 data bytes'],
    ['10.42.?.?', '10.42.3.7'],
    ['Address:\t10.43.0.10:53', 'Address:\t10.96.0.10:53'],
    ['sleep-2   ClusterIP   10.43.44.128   <none>        80/TCP    12s', 'sleep-2   ClusterIP   10.43.201.7    <none>        80/TCP    12s'],
    ['Node:             k3d-k3s-default-server-0/172.18.0.2', 'Node:             k3d-k3s-default-server-0/172.18.0.3'],
    ['sleep-2   10.42.0.5:80,10.42.0.6:80   5m', 'sleep-2   10.42.0.9:80,10.42.0.7:80   5m'],
    ['Forwarding from 127.0.0.1:8080 -> 80', 'Forwarding from 0.0.0.0:8080 -> 80'],
  ],
  apart: [
    ['10.42.0.5:80', '10.42.0.5:8080'],
    ['Client Version: v1.32.0', 'Client Version: v1.31.2'],
    ['version 1.2.3', 'version 1.2.4'],
    ['1.2.3.4.5', '1.2.3.4.6'],
    ['v1.2.3.4', 'v1.2.3.5'],
    ['10.42.0.0/16', '10.42.0.0/24'],
    ['sleep-2   ClusterIP   10.43.44.128   <none>   80/TCP   12s', 'sleep-2   NodePort   10.43.44.128   <none>   80/TCP   12s'],
    ['PING sleep-2 (10.43.44.128): 56 data bytes', 'PING sleep-1 (10.43.44.128): 56 data bytes'],
    ['kiamol/ch03-sleep:1.2.3', 'kiamol/ch03-sleep:1.2.4'],
  ],
});

rule('ipv6', {
  same: [
    ['    inet6 fe80::1/64 scope link', '    inet6 fe80::a8c1:abff:fe2d:6f01/64 scope link'],
    ['IP:           2001:db8::7334', 'IP:           fd00:10:42::5'],
    ['Forwarding from [::1]:8080 -> 80', 'Forwarding from [fe80::1]:8080 -> 80'],
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', '2001:db8::1'],
    ['::ffff:10.42.0.5', 'fd00::5'],
    ['10.42.0.5,fd00:10:42::5', '10.42.0.9,fd00:10:42::9'],
    ['Address: ::1', 'Address: fd00:10:43::a'],
  ],
  apart: [
    ['23:00:41', '23:00:42'],
    ['a:b', 'a:c'],
    ['beef:cafe', 'dead:beef'],
    ['ab:cd:ef', 'ab:cd:ee'],
    ['Forwarding from [::1]:8080 -> 80', 'Forwarding from [::1]:9090 -> 80'],
    ['std::string', 'std::vector'],
    ['tcp   0   0 :::80   :::*   LISTEN', 'tcp   0   0 :::8080   :::*   LISTEN'],
    ['fe80::1/64', 'fe80::1/128'],
  ],
});

rule('mac-address', {
  same: [['    link/ether 0a:58:0a:2a:00:3e brd ff:ff:ff:ff:ff:ff', '    link/ether 2e:1c:7f:90:4b:a1 brd ff:ff:ff:ff:ff:ff']],
  apart: [
    ['    link/ether 0a:58:0a:2a:00:3e brd ff:ff:ff:ff:ff:ff', '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00'],
    ['12:00:41:05:06', '12:00:41:05:07'],
  ],
});

rule('pod-template-hash', {
  same: [
    ['pod/sleep-2-594d57479-wmkmd condition met', 'pod/sleep-2-7c9f8d6b5-x2kqp condition met'],
    ['replicaset.apps/sleep-2-594d57479   1         1         1       3m', 'replicaset.apps/sleep-2-7c9f8d6b5   1         1         1       3m'],
    ['Controlled By:  ReplicaSet/sleep-1-5bfcffdc46', 'Controlled By:  ReplicaSet/sleep-1-6d8f7c9b4'],
    ['coredns-ccb96694c-bhkzm   1/1   Running   0   2d', 'coredns-7b98449c4-q2x5v   1/1   Running   0   2d'],
    ['controller-revision-hash=web-7b8f9c6d5', 'controller-revision-hash=web-6c5d4f8b9'],
    ['pod/sleep-2-XXXXXXXXX-XXXXX condition met', 'pod/sleep-2-7c9f8d6b5-x2kqp condition met'],
    ['replicaset.apps/sleep-2-<hash>', 'replicaset.apps/sleep-2-7c9f8d6b5'],
  ],
  apart: [
    ['pod/sleep-1-5bfcffdc46-vh8fd condition met', 'pod/sleep-2-594d57479-wmkmd condition met'],
    ['replicaset.apps/sleep-2-594d57479', 'replicaset.apps/sleep-3-594d57479'],
    ['replicaset.apps/sleep-2-594d57479', 'deployment.apps/sleep-2-594d57479'],
    ['web-0', 'web-1'],
    ['front-end', 'back-end'],
    ['kube-system', 'kube-public'],
    ['k3d-k3s-default-server-0', 'k3d-k3s-default-server-1'],
    ['deployment.apps/sleep-1 created', 'deployment.apps/sleep-1 configured'],
    ['deployment.apps/sleep-1 unchanged', 'deployment.apps/sleep-1 configured'],
    ['pod/sleep-2-594d57479-wmkmd   1/1   Running   0   12s', 'pod/sleep-2-594d57479-wmkmd   0/1   ContainerCreating   0   12s'],
    ['pod/sleep-2-594d57479-wmkmd   1/1   Running   0   12s', 'pod/sleep-2-594d57479-wmkmd   1/1   Pending   0   12s'],
    ['pod/sleep-1-XXXXXXXXX-XXXXX condition met', 'pod/sleep-2-7c9f8d6b5-x2kqp condition met'],
    ['sleep-2   ClusterIP   <none>', 'sleep-2   ClusterIP   10.43.0.5'],
  ],
});

rule('generated-suffix', {
  same: [
    ['pod "sleep-2-594d57479-wmkmd" deleted', 'pod "sleep-2-594d57479-c8xg5" deleted'],
    ['      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-bj99n (ro)', '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x7k2p (ro)'],
    ['  default-token-x7k2p:', '  default-token-4n8zq:'],
    ['pi-x7k2p   0/1   Completed   0   12s', 'pi-9bw5r   0/1   Completed   0   12s'],
    ['kube-proxy-x7k2p', 'kube-proxy-5gqzn'],
    ['pod "sleep-2-594d57479-<id>" deleted', 'pod "sleep-2-594d57479-c8xg5" deleted'],
    ['pod "sleep-XXXXX" deleted', 'pod "sleep-c8xg5" deleted'],
  ],
  apart: [
    ['kube-proxy-x7k2p', 'kube-flannel-x7k2p'],
    ['pi-x7k2p   0/1   Completed   0   12s', 'pi-x7k2p   0/1   Error   0   12s'],
    ['coredns', 'kubedns'],
    ['web-0', 'web-10'],
    ['my-app-v2', 'my-app-v3'],
    ['sleep-12345', 'sleep-12346'],
    ['service/web-https', 'service/web-http2'],
    ['pod "sleep-XXXXX" deleted', 'pod "sleep-XXXX" deleted'],
    ['pod "web-<none>"', 'pod "web-c8xg5"'],
  ],
});

rule('hash-label', {
  same: [
    ['                  pod-template-hash=5bfcffdc46', '                  pod-template-hash=594d57479'],
    ['app=sleep-2,pod-template-hash=594d57479', 'app=sleep-2,pod-template-hash=7c9f8d6b5'],
    ['    pod-template-hash: "594657479"', '    pod-template-hash: 7c9f8d6b5'],
    ['controller-revision-hash=6b9f8c4d7', 'controller-revision-hash=5f7d9c8b4'],
  ],
  apart: [
    ['pod-template-hash=594d57479', 'controller-revision-hash=594d57479'],
    ['app=sleep-1,pod-template-hash=594d57479', 'app=sleep-2,pod-template-hash=594d57479'],
  ],
});

rule('age', {
  same: [
    ['sleep-2   ClusterIP   10.43.44.128   <none>        80/TCP    12s', 'sleep-2   ClusterIP   10.43.44.128   <none>        80/TCP    5m3s'],
    ['sleep-1   1/1     1            1           3h', 'sleep-1   1/1     1            1           2d'],
    ['sleep-1   1/1     1            1           4d5h', 'sleep-1   1/1     1            1           2y3d'],
    ['sleep-1   1/1     1            1           <invalid>', 'sleep-1   1/1     1            1           45m'],
    ['sleep-1   1/1     1            1           3h20m', 'sleep-1   1/1     1            1           119s'],
    ['sleep-1-5bfcffdc46-vh8fd   1/1     Running   1 (23h ago)   2d', 'sleep-1-5bfcffdc46-vh8fd   1/1     Running   1 (5m ago)    3h'],
    ['  Warning  BackOff  3s (x5 over 45s)  kubelet  Back-off restarting failed container', '  Warning  BackOff  10s (x5 over 2m)  kubelet  Back-off restarting failed container'],
    ['pi     Complete   1/1           5s         12s', 'pi     Complete   1/1           7s         3m'],
  ],
  apart: [
    ['sleep-1   2/2     2            2           12s', 'sleep-1   1/2     2            1           12s'],
    ['sleep-1-5bfcffdc46-vh8fd   1/1     Running   0   12s', 'sleep-1-5bfcffdc46-vh8fd   1/1     Running   1   12s'],
    ['sleep-1-5bfcffdc46-vh8fd   1/1     Running   1 (23h ago)   2d', 'sleep-1-5bfcffdc46-vh8fd   1/1     Running   2 (23h ago)   2d'],
    ['sleep-2   ClusterIP   10.43.44.128   <none>   80/TCP   12s', 'sleep-2   ClusterIP   10.43.44.128   <none>   8080/TCP   12s'],
    ['replicas: 3', 'replicas: 2'],
    ['Server Version: v1.32', 'Server Version: v1.31'],
    ['    cpu:  100m', '    cpu:  150m'],
    ['  cpu                250m (6%)  0 (0%)', '  cpu                500m (12%)  0 (0%)'],
    ['node.kubernetes.io/not-ready:NoExecute op=Exists for 300s', 'node.kubernetes.io/not-ready:NoExecute op=Exists for 600s'],
    ['--timeout=30s', '--timeout=60s'],
    ['  Warning  BackOff  3s (x5 over 45s)  kubelet  Back-off', '  Warning  BackOff  3s (x6 over 45s)  kubelet  Back-off'],
  ],
});

rule('ping-time', {
  same: [
    ['64 bytes from 10.42.0.62: seq=0 ttl=64 time=0.362 ms', '64 bytes from 10.42.0.62: seq=0 ttl=64 time=12 ms'],
    ['64 bytes from 10.42.0.62 (10.42.0.62): icmp_seq=1 ttl=64 time=0.040 ms', '64 bytes from 10.42.0.62 (10.42.0.62): icmp_seq=1 ttl=64 time=1.52 ms'],
  ],
  apart: [
    ['64 bytes from 10.42.0.62: seq=0 ttl=64 time=0.362 ms', '64 bytes from 10.42.0.62: seq=1 ttl=64 time=0.362 ms'],
    ['64 bytes from 10.42.0.62: seq=0 ttl=64 time=0.362 ms', '64 bytes from 10.42.0.62: seq=0 ttl=63 time=0.362 ms'],
    ['64 bytes from 10.42.0.62: seq=0 ttl=64 time=0.362 ms', '56 bytes from 10.42.0.62: seq=0 ttl=64 time=0.362 ms'],
    ['PING sleep-2 (10.43.44.128): 56 data bytes', 'PING sleep-2 (10.43.44.128): 64 data bytes'],
  ],
});

rule('ping-summary', {
  same: [
    ['round-trip min/avg/max = 0.079/0.220/0.362 ms', 'round-trip min/avg/max = 1.2/3.4/5.6 ms'],
    ['rtt min/avg/max/mdev = 0.040/0.050/0.061/0.010 ms', 'rtt min/avg/max/mdev = 1.040/2.050/3.061/1.010 ms'],
  ],
  apart: [
    ['2 packets transmitted, 2 packets received, 0% packet loss', '2 packets transmitted, 1 packets received, 50% packet loss'],
    ['1 packets transmitted, 0 packets received, 100% packet loss', '1 packets transmitted, 1 packets received, 0% packet loss'],
    ['2 packets transmitted, 2 packets received, 0% packet loss', '3 packets transmitted, 3 packets received, 0% packet loss'],
    ['round-trip min/avg/max = 0.079/0.220/0.362 ms', 'rtt min/avg/max/mdev = 0.079/0.220/0.362/0.100 ms'],
  ],
});

rule('measured-duration', {
  same: [
    ['2 packets transmitted, 2 received, 0% packet loss, time 1001ms', '2 packets transmitted, 2 received, 0% packet loss, time 1002ms'],
    ['Successfully pulled image "kiamol/ch03-sleep" in 2.345s (2.345s including waiting)', 'Successfully pulled image "kiamol/ch03-sleep" in 520ms (1.2s including waiting)'],
    ['real\t0m0.052s', 'real\t0m1.310s'],
    ['finished in 0.52s.', 'finished in 1.234s.'],
  ],
  apart: [
    ['2 packets transmitted, 2 received, 0% packet loss, time 1001ms', '2 packets transmitted, 1 received, 50% packet loss, time 1001ms'],
    ['Image size: 3404928 bytes.', 'Image size: 3404999 bytes.'],
    ['kiamol/ch03-sleep:v1.2s', 'kiamol/ch03-sleep:v1.3s'],
  ],
});

rule('klog-header', {
  same: [
    [
      'E0827 23:00:41.123456   12345 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list"',
      'E1126 21:28:23.598809    3931 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list"',
    ],
  ],
  apart: [
    ['I0827 23:00:41.123456   12345 memcache.go:265] x', 'E0827 23:00:41.123456   12345 memcache.go:265] x'],
    ['E0827 23:00:41.123456   12345 memcache.go:265] x', 'E0827 23:00:41.123456   12345 memcache.go:111] x'],
  ],
});

rule('iso-timestamp', {
  same: [
    ['  creationTimestamp: "2024-08-27T14:00:41Z"', '  creationTimestamp: "2025-11-26T12:28:23Z"'],
    ['    lastTransitionTime: "2024-08-27T14:00:41.123456Z"', '    lastTransitionTime: "2025-11-26T21:28:23+09:00"'],
    ['2024-08-27 14:00:41 Listening', '2025-11-26 21:28:23 Listening'],
    ['at 2024-08-27 14:00:41.123456789 +0000 UTC', 'at 2025-11-26 21:28:23 +0900 KST'],
  ],
  apart: [
    ['released 2024-08-27', 'released 2024-08-28'],
    ['  creationTimestamp: "2024-08-27T14:00:41Z"', '  deletionTimestamp: "2024-08-27T14:00:41Z"'],
  ],
});

rule('rfc1123-timestamp', {
  same: [['Start Time:       Tue, 27 Aug 2024 23:00:41 +0900', 'Start Time:       Wed, 26 Nov 2025 21:28:23 +0000']],
  apart: [['      Started:      Tue, 27 Aug 2024 23:00:41 +0900', '      Finished:     Tue, 27 Aug 2024 23:00:41 +0900']],
});

rule('date-command-timestamp', {
  same: [['Tue Aug 27 23:00:41 UTC 2024', 'Wed Nov  5 21:28:23 UTC 2025']],
  apart: [['Aug 27', 'Aug 28']],
});

rule('go-log-timestamp', {
  same: [['2024/08/27 23:00:41 Listening on :80', '2025/11/26 21:28:23.5 Listening on :80']],
  apart: [['2024/08/27 23:00:41 Listening on :80', '2024/08/27 23:00:41 Listening on :8080']],
});

rule('access-log-timestamp', {
  same: [
    [
      '10.42.0.61 - - [27/Aug/2024:14:00:41 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0"',
      '10.42.0.70 - - [26/Nov/2025:12:28:23 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0"',
    ],
  ],
  apart: [
    [
      '10.42.0.61 - - [27/Aug/2024:14:00:41 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0"',
      '10.42.0.61 - - [27/Aug/2024:14:00:41 +0000] "GET / HTTP/1.1" 404 153 "-" "curl/8.5.0"',
    ],
  ],
});

rule('container-id', {
  same: [
    [`    Container ID:  containerd://${hex64a}`, `    Container ID:  containerd://${hex64b}`],
    [`    Container ID:  docker://${hex64a}`, `    Container ID:  docker://${hex64b}`],
    [`    Container ID:  cri-o://${hex64a}`, `    Container ID:  cri-o://${hex64b}`],
  ],
  apart: [[`    Container ID:  containerd://${hex64a}`, `    Container ID:  docker://${hex64a}`]],
});

rule('image-digest', {
  same: [
    [`    Image ID:      docker.io/kiamol/ch03-sleep@sha256:${hex64a}`, `    Image ID:      docker.io/kiamol/ch03-sleep@sha256:${hex64b}`],
    [`    Image ID:      docker://sha256:${hex64a}`, `    Image ID:      docker://sha256:${hex64b}`],
  ],
  apart: [
    [`    Image ID:      docker.io/kiamol/ch03-sleep@sha256:${hex64a}`, `    Image ID:      docker.io/kiamol/ch03-web@sha256:${hex64a}`],
    ['    Image:         kiamol/ch03-sleep', '    Image:         kiamol/ch03-sleep:v2'],
  ],
});

rule('exec-id', {
  same: [
    [
      `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${hex64a}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown`,
      `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${hex64b}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown`,
    ],
  ],
  apart: [
    [`failed to start exec "${hex64a}": exec: "curl": executable file not found`, `failed to start exec "${hex64a}": exec: "wget": executable file not found`],
    ['value "deadbeef"', 'value "cafebabe"'],
  ],
});

rule('uid', {
  same: [['  uid: 1c2e4f6a-8b0d-4c2e-9f1a-3b5d7f9a1c2e', '  uid: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d']],
  apart: [['  uid: 1c2e4f6a-8b0d-4c2e-9f1a-3b5d7f9a1c2e', '  name: 1c2e4f6a-8b0d-4c2e-9f1a-3b5d7f9a1c2e']],
});

rule('resource-version', {
  same: [
    ['  resourceVersion: "48213"', '  resourceVersion: "1207"'],
    ['        "resourceVersion": "48213",', '        "resourceVersion": "1207",'],
  ],
  apart: [['  generation: 1', '  generation: 2']],
});

rule('job-pid', {
  same: [
    ['[1] 12345', '[1] 67890'],
    ['[1]  + 12345 suspended  kubectl port-forward svc/sleep-2 8080:80', '[1]  + 4242 suspended  kubectl port-forward svc/sleep-2 8080:80'],
    ['[2]  - 12346 running    kubectl logs -f deploy/sleep-1', '[2]  - 998 running    kubectl logs -f deploy/sleep-1'],
  ],
  apart: [
    ['[1] 12345', '[2] 12345'],
    ['[1]  + 12345 suspended  kubectl port-forward svc/sleep-2 8080:80', '[1]  + 12345 done       kubectl port-forward svc/sleep-2 8080:80'],
    ['[1]+  Done                    kubectl port-forward svc/sleep-2 8080:80', '[1]+  Exit 1                  kubectl port-forward svc/sleep-2 8080:80'],
    ['Running   0   12345', 'Running   0   12346'],
  ],
});

rule('zsh-errors', {
  same: [
    ['zsh: command not found: kubectx', 'bash: kubectx: command not found'],
    ['zsh: no such file or directory: ./deploy.sh', 'bash: ./deploy.sh: No such file or directory'],
    ['zsh: permission denied: ./deploy.sh', 'bash: ./deploy.sh: Permission denied'],
  ],
  apart: [
    ['zsh: command not found: kubectx', 'bash: kubens: command not found'],
    ['zsh: command not found: kubectx', 'bash: kubectx: Permission denied'],
    ['zsh: permission denied: ./deploy.sh', 'bash: ./deploy.sh: No such file or directory'],
  ],
});

rule('bash-errors', {
  same: [
    ['zsh: command not found: kubectx', 'bash: kubectx: command not found'],
    ['zsh: command not found: k9s', 'bash: line 1: k9s: command not found'],
  ],
  apart: [
    ['bash: kubectx: command not found', 'bash: kubectx: No such file or directory'],
    ['ls: cannot access x: No such file or directory', 'bash: x: No such file or directory'],
  ],
});

rule('node-port', {
  same: [
    ['sleep-2   NodePort   10.43.44.128   <none>        8080:32219/TCP   12s', 'sleep-2   NodePort   10.43.44.128   <none>        8080:30412/TCP   12s'],
    ['sleep-2   LoadBalancer   10.43.44.128   <pending>     80:31380/TCP,443:31390/TCP   12s', 'sleep-2   LoadBalancer   10.43.44.128   <pending>     80:30001/TCP,443:30002/TCP   12s'],
    ['NodePort:                 <unset>  30080/TCP', 'NodePort:                 <unset>  31234/TCP'],
    ['    nodePort: 30080', '    nodePort: 32767'],
    ['curl http://172.18.0.2:32219', 'curl http://172.18.0.3:30125'],
  ],
  apart: [
    ['sleep-2   ClusterIP   10.43.44.128   <none>   80/TCP   12s', 'sleep-2   ClusterIP   10.43.44.128   <none>   8080/TCP   12s'],
    ['8080:80/TCP', '8080:8080/TCP'],
    ['8080:29999/TCP', '8080:29998/TCP'],
    ['8080:32768/TCP', '8080:32769/TCP'],
    ['8080:32219/TCP', '8081:32219/TCP'],
    ['8080:32219/TCP', '8080:32219/UDP'],
    ['10.42.0.5:80', '10.42.0.5:8080'],
    ['Port:                     http  80/TCP', 'Port:                     http  8080/TCP'],
    ['TargetPort:               80/TCP', 'TargetPort:               8080/TCP'],
    ['NodePort:                 http  30080/TCP', 'NodePort:                 web  30080/TCP'],
  ],
});

describe('never tolerated', () => {
  it.each<Pair>([
    ['deployment.apps/sleep-1 created', 'deployment.apps/sleep-1 configured'],
    ['service/sleep-2 created', 'service/sleep-2 unchanged'],
    ['pod "sleep-2-594d57479-wmkmd" deleted', 'pod "sleep-2-594d57479-wmkmd" deleted from default namespace'],
    ['command terminated with exit code 1', 'command terminated with exit code 2'],
    ['command terminated with exit code 1', 'command terminated with exit code 126'],
    ['1 packets transmitted, 0 packets received, 100% packet loss', '1 packets transmitted, 1 packets received, 0% packet loss'],
    ['sleep-1   1/1     1            1           12s', 'sleep-1   0/1     1            0           12s'],
    ['sleep-2-594d57479-wmkmd   1/1     Running   0   12s', 'sleep-2-594d57479-wmkmd   1/1     Terminating   0   12s'],
    ['Error from server (NotFound): pods "x" not found', 'Error from server (NotFound): services "x" not found'],
    ['error: timed out waiting for the condition on pods/sleep-1-5bfcffdc46-vh8fd', 'pod/sleep-1-5bfcffdc46-vh8fd condition met'],
    ['No resources found in default namespace.', 'No resources found in kube-system namespace.'],
    ['sleep-2   ClusterIP   10.43.44.128   <none>        80/TCP    12s', 'sleep-2   ClusterIP   10.43.44.128   10.43.44.1    80/TCP    12s'],
  ])('keeps %j apart from %j', (documented, actual) => {
    expect(key(documented)).not.toBe(key(actual));
  });
});

describe('recorded kubectl output, two runs', () => {
  const fixtures = new URL('../fixtures/kubectl/', import.meta.url);
  const firstRuns = readdirSync(fixtures).filter((file) => file.endsWith('.txt') && !file.endsWith('.run2.txt'));

  it('has fixtures, each with a second run and a README line', () => {
    const readme = readFileSync(new URL('README.md', fixtures), 'utf8');
    expect(firstRuns.length).toBeGreaterThanOrEqual(6);
    for (const file of readdirSync(fixtures).filter((name) => name.endsWith('.txt'))) {
      expect(readme, file).toContain(`\`${file}\``);
    }
  });

  it.each(firstRuns)('%s normalizes equal to its second run', (file) => {
    const first = readFileSync(new URL(file, fixtures), 'utf8').split('\n');
    const second = readFileSync(new URL(file.replace(/\.txt$/, '.run2.txt'), fixtures), 'utf8').split('\n');
    // The runs really differ; otherwise this test would prove nothing.
    expect(first).not.toEqual(second);
    expect(second.map((line) => key(line))).toEqual(first.map((line) => key(line)));
  });
});
