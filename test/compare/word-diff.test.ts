import { describe, expect, it } from 'vitest';
import { compareOutput } from '../../src/compare/compare-output.js';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import type { DiffLine } from '../../src/model.js';

const settings = { tolerances: builtinTolerances, namespace: 'notes-run-ch3-a1b2c3' };
const marked = (line: DiffLine | undefined) => (line?.words ?? []).filter((part) => part.change).map((part) => `${part.text}:${part.change}`);

// The Service table of notes/ch3.md, and what k3s v1.31 prints once the type changed.
describe('words within a drifted line', () => {
  const documented = 'NAME      TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE\nsleep-2   NodePort    10.43.44.128   <none>        80/TCP    12s';
  const actual = 'NAME      TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE\nsleep-2   ClusterIP   10.43.193.80   <none>        80/TCP    1s\n';
  const { diff } = compareOutput(documented, actual, 'kubectl get svc sleep-2', settings);

  it('marks only the word that changed; the IP and the age are tolerated, the rest unchanged', () => {
    expect(marked(diff.find((line) => line.op === '-'))).toEqual(['NodePort:changed', '10.43.44.128:tolerated', '12s:tolerated']);
    expect(marked(diff.find((line) => line.op === '+'))).toEqual(['ClusterIP:changed', '10.43.193.80:tolerated', '1s:tolerated']);
  });

  it('gives the line back whole when its parts are joined', () => {
    for (const line of diff) if (line.words) expect(line.words.map((part) => part.text).join('')).toBe(line.text);
  });

  it('tolerates a value only the line around it makes volatile (a restart age), and the run namespace', () => {
    const pods = compareOutput('sleep-1-5bfcffdc46-vh8fd   1/1   Running   1 (23h ago)   2d', 'sleep-1-5bfcffdc46-x9k2p   1/1   Running   2 (3m ago)   5m', 'echo', settings).diff;
    expect(marked(pods[0])).toEqual(['sleep-1-5bfcffdc46-vh8fd:tolerated', '1:changed', '(23h:tolerated', '2d:tolerated']);
    const described = compareOutput('Namespace:  default\nStatus: Running', 'Namespace:  notes-run-ch3-a1b2c3\nStatus: Pending', 'echo', settings).diff;
    expect(described.filter((line) => line.op !== ' ').map(marked)).toEqual([['Running:changed'], ['Pending:changed']]);
  });

  it('leaves lines with nothing in common unpaired: one removed, one added', () => {
    const { diff: apart } = compareOutput('pod "a" deleted', 'Error from server (NotFound): pods "a" not found', 'echo', settings);
    expect(apart.every((line) => line.words === undefined)).toBe(true);
  });
});
