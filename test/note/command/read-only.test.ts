import { describe, expect, it } from 'vitest';
import { isReadOnly, readsCluster } from '../../../src/note/command/read-only.js';

describe('steps that only read the cluster, and may be re-run until it converges', () => {
  it.each([
    'kubectl get pods -l app=sleep-2',
    "kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}'",
    'kubectl -n kube-system get svc kube-dns -o wide',
    'kubectl describe svc sleep-2 | grep Endpoints',
    'kubectl get endpoints sleep-2 2>&1',
    'kubectl logs deploy/web --tail 5',
    'kubectl exec deploy/sleep-1 -- nslookup sleep-2 | grep "^[^*]"',
    "kubectl exec deploy/sleep-1 -- ping -c 2 $(kubectl get pod -l app=sleep-2 --output jsonpath='{.items[0].status.podIP}')",
    "kubectl exec deploy/sleep -- sh -c 'printenv | grep -E \"^SLEEP\"'",
    'kubectl get svc sleep-2 || echo missing',
    'kubectl wait --for=condition=Ready pod -l app=sleep-1',
    'k get pods -o wide | grep sleep',
  ])('%s', (command) => {
    expect(readsCluster(command)).toBe(true);
  });
});

describe('steps that are never re-run', () => {
  it.each([
    'kubectl apply -f sleep/sleep1.yaml',
    'kubectl delete pods -l app=sleep-2',
    'kubectl get pods -w',
    'kubectl logs -f deploy/web',
    'kubectl get pods > pods.txt',
    'kubectl port-forward svc/web 8080:80 &',
    'kubectl exec -it deploy/sleep-1 -- sh',
    "kubectl exec deploy/sleep -- sh -c 'echo x > /data/file'",
    "kubectl exec deploy/sleep -- sh -c 'rm -rf /data'",
    'kubectl exec deploy/sleep -- rm /tmp/x',
    'kubectl get pods; kubectl delete pod x',
    "kubectl get pods -o name | xargs kubectl delete",
    'kubectl get cm x -o yaml | sed -i s/a/b/ f',
    'k delete pods -l app=sleep-2',
    'echo k get pods',
  ])('%s', (command) => {
    expect(readsCluster(command)).toBe(false);
  });

  it('does not re-run reads that do not involve the cluster', () => {
    expect(isReadOnly('cat notes.txt | grep x')).toBe(true);
    expect(readsCluster('cat notes.txt | grep x')).toBe(false);
  });
});
