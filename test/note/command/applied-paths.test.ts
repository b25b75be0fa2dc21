import { describe, expect, it } from 'vitest';
import { appliedPaths } from '../../../src/note/command/applied-paths.js';

const paths = (command: string) => appliedPaths(command).map((applied) => applied.path);

describe('appliedPaths', () => {
  it('reads every -f of kubectl apply and create, in each spelling', () => {
    expect(paths('kubectl apply -f sleep/sleep1.yaml -f sleep/sleep2.yaml')).toEqual(['sleep/sleep1.yaml', 'sleep/sleep2.yaml']);
    expect(paths('kubectl create --filename=a.yaml --filename b.yaml -fc.yaml -f=d.yaml')).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']);
    expect(paths('kubectl -n lab apply -f "my dir/x.yaml"')).toEqual(['my dir/x.yaml']);
  });

  it('finds the apply inside a compound command and tells -R', () => {
    expect(appliedPaths('cd lab && kubectl apply -Rf manifests/ | tee out')).toEqual([{ path: 'manifests/', recursive: true }]);
    expect(appliedPaths('kubectl apply -f lab/')).toEqual([{ path: 'lab/', recursive: false }]);
  });

  it('ignores other verbs, stdin, URLs and variables', () => {
    expect(paths('kubectl delete -f x.yaml')).toEqual([]);
    expect(paths('kubectl get pods --field-selector status.phase=Running')).toEqual([]);
    expect(paths('kubectl apply -f - <<EOF')).toEqual([]);
    expect(paths('kubectl apply -f https://example.com/x.yaml -f $FILE')).toEqual([]);
    expect(paths('kubectl create configmap web --from-file=index.html')).toEqual([]);
  });
});
