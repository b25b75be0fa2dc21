import { describe, expect, it } from 'vitest';
import { compareOutput } from '../../src/compare/compare-output.js';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import { describeCommand } from '../../src/note/command/describe-command.js';

const settings = { tolerances: builtinTolerances, namespace: 'notes-run-ch3-a1b2c3' };
const matches = (documented: string, actual: string, command = 'kubectl get pods') =>
  compareOutput(documented, actual, describeCommand(command), settings).matches;

// Documented outputs from notes/ch3.md; actual outputs as a k3s cluster prints them
// (kubectl v1.32 client, k3s v1.31 server, kiamol BusyBox images).
describe('the seed note against a real run', () => {
  it('tolerates the placeholder IPs, timings of a ping and a missing final newline', () => {
    const documented = [
      'PING 10.xx.xx.xx (10.xx.xx.xx): 56 data bytes',
      '64 bytes from 10.xx.xx.xx: seq=0 ttl=64 time=0.362 ms',
      '64 bytes from 10.xx.xx.xx: seq=1 ttl=64 time=0.079 ms',
      '',
      '--- 10.xx.xx.xx ping statistics ---',
      '2 packets transmitted, 2 packets received, 0% packet loss',
      'round-trip min/avg/max = 0.079/0.220/0.362 ms',
    ].join('\n');
    const actual = [
      'PING 10.42.0.17 (10.42.0.17): 56 data bytes',
      '64 bytes from 10.42.0.17: seq=0 ttl=64 time=0.101 ms',
      '64 bytes from 10.42.0.17: seq=1 ttl=64 time=0.061 ms',
      '',
      '--- 10.42.0.17 ping statistics ---',
      '2 packets transmitted, 2 packets received, 0% packet loss',
      'round-trip min/avg/max = 0.061/0.081/0.101 ms',
      '',
    ].join('\n');
    expect(matches(documented, actual, 'kubectl exec deploy/sleep-1 -- ping -c 2 10.42.0.17')).toBe(true);
    expect(matches(documented, actual.replace('2 packets received', '1 packets received'), 'ping')).toBe(false);
  });

  it('re-aligns a `kubectl get svc` table whose values changed width', () => {
    const documented = 'NAME      TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE\nsleep-2   ClusterIP   10.43.44.128   <none>        80/TCP    12s';
    const actual = 'NAME      TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)   AGE\nsleep-2   ClusterIP   10.43.9.201   <none>        80/TCP    3s\n';
    expect(matches(documented, actual, 'kubectl get svc sleep-2')).toBe(true);
    expect(matches(documented, actual.replace('ClusterIP ', 'NodePort  '), 'kubectl get svc sleep-2')).toBe(false);
    expect(matches(documented, actual.replace('80/TCP', '8080/TCP'), 'kubectl get svc sleep-2')).toBe(false);
  });

  it('matches generated pod names by their owner, not their hashes', () => {
    expect(matches('pod/sleep-1-5bfcffdc46-vh8fd condition met', 'pod/sleep-1-7c9f8d6b5-x2kqp condition met\n', 'kubectl wait')).toBe(true);
    expect(matches('pod/sleep-1-5bfcffdc46-vh8fd condition met', 'pod/sleep-2-7c9f8d6b5-x2kqp condition met\n', 'kubectl wait')).toBe(false);
    expect(matches('pod "sleep-2-594d57479-wmkmd" deleted', 'pod "sleep-2-594d57479-zq5vt" deleted\n', 'kubectl delete')).toBe(true);
  });

  it('compares the failing ping to the service including its exit line', () => {
    const documented = 'PING sleep-2 (10.43.44.128): 56 data bytes\n\n--- sleep-2 ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\ncommand terminated with exit code 1';
    const actual = 'PING sleep-2 (10.43.120.7): 56 data bytes\n\n--- sleep-2 ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\ncommand terminated with exit code 1\n';
    expect(matches(documented, actual, 'kubectl exec deploy/sleep-1 -- ping -c 1 sleep-2')).toBe(true);
    expect(matches(documented, actual.replace('exit code 1', 'exit code 2'), 'ping')).toBe(false);
  });
});

describe('what is never tolerated', () => {
  it.each([
    ['a status', 'sleep-1-5bfcffdc46-vh8fd   1/1   Running   0   12s', 'sleep-1-5bfcffdc46-vh8fd   0/1   Pending   0   12s'],
    ['a verb', 'deployment.apps/sleep-1 created', 'deployment.apps/sleep-1 configured'],
    ['a resource name', 'service/sleep-2 created', 'service/sleep-3 created'],
    ['a kind', 'service/sleep-2 created', 'deployment.apps/sleep-2 created'],
    ['a restart count', 'x-5bfcffdc46-vh8fd   1/1   Running   0   12s', 'x-5bfcffdc46-vh8fd   1/1   Running   3   12s'],
    ['a ready count', 'sleep-1   1/1   1   1   5s', 'sleep-1   0/1   1   0   5s'],
  ])('%s', (_what, documented, actual) => {
    expect(matches(documented, actual, 'kubectl apply -f x')).toBe(false);
  });
});

describe('layout and noise', () => {
  it('ignores CRLF, trailing blanks, leading and trailing blank lines and ANSI colour', () => {
    expect(matches('\nNAME   STATUS\r\ndefault   Active  \n\n', '\u001b[1mNAME\u001b[0m      STATUS\ndefault   Active\n', 'kubectl get ns')).toBe(true);
  });

  it('ignores author remarks in parentheses and job-control lines in the documented output', () => {
    const documented = '(결과에서 IP 마스킹 함)\nForwarding from 127.0.0.1:8080 -> 80\nHandling connection for 8080\n^C\n[1]  + 48213 suspended  kubectl port-forward';
    expect(matches(documented, 'Forwarding from 127.0.0.1:8080 -> 80\n', 'kubectl port-forward svc/x 8080:80')).toBe(true);
  });

  it('ignores the progress lines of a rollout, never its outcome', () => {
    const documented = 'Waiting for deployment "vweb" rollout to finish: 1 old replicas are pending termination...\ndeployment "vweb" successfully rolled out';
    const command = 'kubectl rollout status deploy/vweb';
    expect(matches(documented, 'deployment "vweb" successfully rolled out\n', command)).toBe(true);
    expect(matches(documented, 'Waiting for deployment spec update to be observed...\nWaiting for deployment "vweb" rollout to finish: 0 of 2 updated replicas are available...\ndeployment "vweb" successfully rolled out\n', command)).toBe(true);
    expect(matches('Waiting for 2 pods to be ready...\nstatefulset rolling update complete 2 pods at revision todo-db-7d6f9c5b8...', 'statefulset rolling update complete 2 pods at revision todo-db-7d6f9c5b8...', 'kubectl rollout status sts/todo-db')).toBe(true);
    expect(matches(documented, 'error: deployment "vweb" exceeded its progress deadline\n', command)).toBe(false);
    expect(matches(documented, 'deployment "vweb2" successfully rolled out\n', command)).toBe(false);
  });

  it('treats the run namespace as default', () => {
    expect(matches('Namespace:    default', 'Namespace:    notes-run-ch3-a1b2c3', 'kubectl describe pod x')).toBe(true);
    expect(matches('Name:\tsleep-2.default.svc.cluster.local', 'Name:\tsleep-2.notes-run-ch3-a1b2c3.svc.cluster.local', 'nslookup')).toBe(true);
    expect(matches('Namespace:    kube-system', 'Namespace:    notes-run-ch3-a1b2c3', 'kubectl describe pod x')).toBe(false);
  });

  it('lets a `...` line stand for any number of lines', () => {
    expect(matches('Name: x\n...\nEvents: <none>', 'Name: x\nA: 1\nB: 2\nEvents: <none>', 'kubectl describe pod x')).toBe(true);
    expect(matches('Name: x\n...\nEvents: <none>', 'Name: y\nA: 1\nEvents: <none>', 'kubectl describe pod x')).toBe(false);
    expect(matches('...\nlast', 'a\nb\nlast', 'cat x')).toBe(true);
    expect(matches('first\n...', 'first', 'cat x')).toBe(true);
  });

  it('reads the ways authors write that output was left out as `...`', () => {
    const actual = 'Name: x\nA: 1\nB: 2\nEvents: <none>';
    for (const mark of ['(생략)', '(중략)', '(이하 생략)', '...생략...', '(결과 생략)', '[...]', '(...)', '…', '....', '(output omitted)', '[snip]', '… truncated …']) {
      expect(matches(`Name: x\n${mark}\nEvents: <none>`, actual, 'kubectl describe pod x'), mark).toBe(true);
      expect(matches(`Name: y\n${mark}\nEvents: <none>`, actual, 'kubectl describe pod x'), mark).toBe(false);
    }
    expect(matches('Name: x\n(이하 생략)', actual, 'kubectl describe pod x')).toBe(true);
    // Remarks that say something else are left out of the comparison, and stand for nothing.
    for (const remark of ['(출력 없음)', '(결과에서 IP 마스킹 함)', '(생략하지 않음 - 전체 출력)']) {
      expect(matches(`Name: x\n${remark}\nEvents: <none>`, actual, 'kubectl describe pod x'), remark).toBe(false);
    }
    expect(matches('(출력 없음)', '', 'kubectl exec deploy/sleep -- ls /data')).toBe(true);
  });
});

describe('outputs without a defined order', () => {
  it('compares table rows as a multiset under the header', () => {
    const documented = 'NAME                       READY   STATUS    RESTARTS   AGE\nsleep-1-5bfcffdc46-vh8fd   1/1     Running   0          2m\nsleep-2-594d57479-wmkmd    1/1     Running   0          2m';
    const actual = 'NAME                       READY   STATUS    RESTARTS   AGE\nsleep-2-7c9f8d6b5-x2kqp    1/1     Running   0          5s\nsleep-1-6d8f9c7b4-zz9wq    1/1     Running   0          5s';
    expect(matches(documented, actual, 'kubectl get pods')).toBe(true);
    expect(matches(documented, actual.replace(/sleep-1-6d8f9c7b4-zz9wq    1\/1/, 'sleep-2-6d8f9c7b4-zz9wq    1/1'), 'kubectl get pods')).toBe(false);
    expect(matches(documented, `${actual}\nsleep-3-7c9f8d6b5-x2kqp    1/1     Running   0          5s`, 'kubectl get pods')).toBe(false);
  });

  it('compares the lines of a command acting on the objects it selected as a multiset', () => {
    const documented = 'pod "sleep-2-594d57479-wmkmd" deleted\npod "sleep-1-5bfcffdc46-vh8fd" deleted';
    const actual = 'pod "sleep-1-6d8f9c7b4-zz9wq" deleted\npod "sleep-2-7c9f8d6b5-x2kqp" deleted\n';
    expect(matches(documented, actual, 'kubectl delete pods --all')).toBe(true);
    expect(matches(documented, actual.replace('sleep-1', 'sleep-3'), 'kubectl delete pods --all')).toBe(false);
    expect(matches(documented, actual.replace('sleep-1-6d8f9c7b4-zz9wq" deleted\n', ''), 'kubectl delete pods --all')).toBe(false);
    expect(matches('pod/web-5bfcffdc46-vh8fd condition met\npod/api-594d57479-wmkmd condition met', 'pod/api-7c9f8d6b5-x2kqp condition met\npod/web-6d8f9c7b4-zz9wq condition met', 'kubectl wait --for=condition=Ready pod --all')).toBe(true);
    expect(matches('pod/web-5bfcffdc46-vh8fd\npod/api-594d57479-wmkmd', 'pod/api-7c9f8d6b5-x2kqp\npod/web-6d8f9c7b4-zz9wq', 'kubectl get pods -o name')).toBe(true);
    expect(matches('pod/web-5bfcffdc46-vh8fd\npod/api-594d57479-wmkmd', 'pod/api-7c9f8d6b5-x2kqp\npod/web-6d8f9c7b4-zz9wq', 'k get pods -o name')).toBe(true);
    // Output in a format of its own keeps its order.
    expect(matches('a: 1\nb: 2', 'b: 2\na: 1', 'kubectl get cm x -o yaml')).toBe(false);
    expect(matches('a\nb', 'b\na', 'kubectl exec deploy/x -- cat f')).toBe(false);
  });

  it('compares an environment listing as a multiset, filtered or not', () => {
    const documented = 'KUBERNETES_SERVICE_HOST=10.43.0.1\nHOSTNAME=sleep-1-5bfcffdc46-vh8fd\nSLEEP_2_SERVICE_PORT=80';
    const actual = 'SLEEP_2_SERVICE_PORT=80\nKUBERNETES_SERVICE_HOST=10.43.0.1\nHOSTNAME=sleep-1-7c9f8d6b5-x2kqp\n';
    expect(matches(documented, actual, 'kubectl exec deploy/sleep-1 -- printenv')).toBe(true);
    expect(matches(documented, actual, 'kubectl exec deploy/sleep-1 -- env | grep SERVICE')).toBe(true);
    expect(matches(documented, actual.replace('=80', '=8080'), 'kubectl exec deploy/sleep-1 -- printenv')).toBe(false);
    expect(matches(documented, actual, 'kubectl exec deploy/sleep-1 -- cat /etc/hosts')).toBe(false);
  });
});

describe('the diff shown for drift', () => {
  it('shows the original text of both sides, documented first', () => {
    const comparison = compareOutput('service/sleep-2 created', 'service/sleep-2 unchanged\n', describeCommand('kubectl apply -f x'), settings);
    expect(comparison.diff).toEqual([
      { op: '-', text: 'service/sleep-2 created', words: [{ text: 'service/sleep-2' }, { text: ' ' }, { text: 'created', change: 'changed' }] },
      { op: '+', text: 'service/sleep-2 unchanged', words: [{ text: 'service/sleep-2' }, { text: ' ' }, { text: 'unchanged', change: 'changed' }] },
    ]);
  });

  it('names the kubectl 1.34 delete wording', () => {
    const comparison = compareOutput('pod "x-5bfcffdc46-vh8fd" deleted', 'pod "x-5bfcffdc46-vh8fd" deleted from default namespace\n', describeCommand('kubectl delete pod x'), settings);
    expect(comparison.matches).toBe(false);
    expect(comparison.notes[0]).toMatch(/1\.34/);
  });

  it('shows the lines a `...` stands for as covered, not as one line removed and each added (issue 20 item 16)', () => {
    const documented = 'apiVersion: v1\nclusters:\n...\nkind: Config\nusers:\n- name: admin';
    const actual = 'apiVersion: v1\nclusters:\n- cluster:\n    server: https://127.0.0.1:6443\n  name: default\ncontexts:\n- context:\n    cluster: default\nkind: Config\nusers:\n- name: default\n';
    const comparison = compareOutput(documented, actual, describeCommand('kubectl config view'), settings);
    expect(comparison.matches).toBe(false);
    const shown = comparison.diff.map((line) => `${line.op}${line.text}`);
    expect(shown.slice(0, 4)).toEqual([' apiVersion: v1', ' clusters:', ' ...', '…6 lines it stands for']);
    expect(shown.filter((line) => line.startsWith('+'))).toEqual(['+- name: default']);
    expect(shown.filter((line) => line.startsWith('-'))).toEqual(['-- name: admin']);
  });

  it('stays bounded on huge, totally different outputs', () => {
    const documented = Array.from({ length: 20_000 }, (_, i) => `line ${i}`).join('\n');
    const actual = Array.from({ length: 20_000 }, (_, i) => `other ${i}`).join('\n');
    // Bounded in time too: a comparison that is not does not finish within the test's limit.
    const comparison = compareOutput(documented, actual, describeCommand('cat big'), settings);
    expect(comparison.matches).toBe(false);
    expect(comparison.diff.length).toBeLessThanOrEqual(61);
  });
});

describe('node ports a manifest fixes', () => {
  it('are compared, while ports the cluster assigned are tolerated', async () => {
    const { exemptNodePorts } = await import('../../src/compare/tolerances/exempt-node-ports.js');
    const fixed = { tolerances: exemptNodePorts(builtinTolerances, [30080]) };
    const row = (port: number) => `web   NodePort   10.43.1.2   <none>   8080:${port}/TCP   5s`;
    expect(compareOutput(row(30080), row(30081), describeCommand('kubectl get svc web'), fixed).matches).toBe(false);
    expect(compareOutput(row(31234), row(32001), describeCommand('kubectl get svc web'), fixed).matches).toBe(true);
    expect(compareOutput(row(30080), row(30080), describeCommand('kubectl get svc web'), fixed).matches).toBe(true);
  });
});
