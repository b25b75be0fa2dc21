import { describe, expect, it } from 'vitest';
import { parseNote } from '../../../src/note/parse-note.js';
import { reachesOutside } from '../../../src/note/command/outside-namespace.js';

describe('steps that reach outside the run namespace', () => {
  it.each([
    ['kubectl -n kube-system delete pod coredns-abc', /namespace kube-system/],
    ['kubectl apply -f x.yaml --namespace=prod', /namespace prod/],
    ['k scale deploy web --replicas=0 -nprod', /namespace prod/],
    ['kubectl delete pods --all --all-namespaces', /all namespaces/],
    ['kubectl delete pod -A -l app=x', /all namespaces/],
    ['kubectl config set-context --current --namespace=kube-system', /config set-context/],
    ['kubectl config use-context prod', /config use-context/],
    ['export KUBECONFIG=~/.kube/prod', /KUBECONFIG/],
    ['KUBECONFIG=/tmp/x kubectl get pods', /KUBECONFIG/],
    ['kubectl delete namespace other', /cluster-wide namespace/],
    ['echo $(kubectl -n kube-system delete pod x)', /kube-system/],
  ])('%s', (command, why) => {
    expect(reachesOutside(command)).toMatch(why);
  });

  it.each([
    'kubectl get pods -n kube-system',
    'kubectl get pods -A',
    'kubectl apply -f sleep/sleep1.yaml',
    'kubectl delete pod sleep-1',
    'kubectl config current-context',
    'kubectl config view --minify',
    'kubectl exec deploy/sleep-1 -- sh -c "ls -n /tmp"',
    'echo KUBECONFIG is $KUBECONFIG',
  ])('not %s', (command) => {
    expect(reachesOutside(command)).toBeUndefined();
  });

  it('is decided when the note is read and carried on the step', () => {
    const note = parseNote('n.md', '# n\n\n```bash\nkubectl -n kube-system delete pod x\nkubectl get pods\n```\n', { onPath: () => true });
    const [outside, inside] = note.steps;
    expect(outside).toMatchObject({ kind: 'command', outsideRunNamespace: expect.stringContaining('kube-system') });
    expect(inside).not.toHaveProperty('outsideRunNamespace');
  });
});
