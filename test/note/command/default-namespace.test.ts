import { describe, expect, it } from 'vitest';
import { describeCommand } from '../../../src/note/command/describe-command.js';
import { inRunNamespace } from '../../../src/note/command/default-namespace.js';

// Notes are written in `default`; a run namespace stands for it in what runs (SPEC §3).

const run = 'notes-run-ch3-a1b2c3';

describe('the default namespace a command names', () => {
  it.each([
    ['kubectl get svc -n default', 'kubectl get svc -n notes-run-ch3-a1b2c3'],
    ['kubectl get svc --namespace default', 'kubectl get svc --namespace notes-run-ch3-a1b2c3'],
    ['kubectl get svc --namespace=default -o wide', 'kubectl get svc --namespace=notes-run-ch3-a1b2c3 -o wide'],
    ['k -n default delete pod x', 'k -n notes-run-ch3-a1b2c3 delete pod x'],
    ['kubectl exec sleep -- nslookup sleep-2.default.svc.cluster.local', 'kubectl exec sleep -- nslookup sleep-2.notes-run-ch3-a1b2c3.svc.cluster.local'],
    ['kubectl exec sleep -- curl -s http://web.default:8080/', 'kubectl exec sleep -- curl -s http://web.notes-run-ch3-a1b2c3:8080/'],
    ["kubectl exec sleep -- sh -c 'ping -c 1 web.default'", "kubectl exec sleep -- sh -c 'ping -c 1 web.notes-run-ch3-a1b2c3'"],
  ])('%s runs as %s', (written, runs) => {
    expect(describeCommand(written).namesDefault).toBe(true);
    expect(inRunNamespace(written, run)).toBe(runs);
  });

  it.each([
    'kubectl exec sleep -- nslookup kubernetes.default.svc.cluster.local',
    'kubectl exec sleep -- nslookup kubernetes.default',
    'kubectl get svc -n kube-system',
    'kubectl get svc -n default-backup',
    'cat /etc/nginx/conf.d/default.conf',
    'echo nginx.default.conf',
    'kubectl get svc',
  ])('%s is left as written', (command) => {
    expect(describeCommand(command).namesDefault).toBe(false);
    expect(inRunNamespace(command, run)).toBe(command);
  });

  it('does not warn that `-n default` writes outside the run namespace: it runs in it', () => {
    expect(describeCommand('kubectl -n default delete pod x').reachesOutside).toBeUndefined();
    expect(describeCommand('kubectl -n kube-system delete pod x').reachesOutside).toMatch(/kube-system/);
  });

  it('carries the objects a kubectl verb names', () => {
    expect(describeCommand('kubectl describe service kubernetes').kubectl?.objects).toEqual(['service', 'kubernetes']);
    expect(describeCommand('kubectl get -o wide svc -l app=web').kubectl?.objects).toEqual(['svc']);
    expect(describeCommand('kubectl delete svc --all').kubectl?.objects).toEqual(['svc']);
  });
});
