import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareOutput } from '../../src/compare/compare-output.js';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import { orderingOf } from '../../src/note/command/ordering.js';
import { root } from '../e2e/workspace.js';
// @ts-expect-error plain ESM shared with the recorder, no types
import { runScenario } from '../cluster/scenario-run.mjs';
import { recorded, recording } from './recordings.js';

// The contract between the kubectl test double and a real cluster: the commands the real
// API server and kubectl answered in test/fixtures/real/ run again through the double,
// and each pair must be equal under the tolerance rules (the same ones notes are judged
// by), exit status included. A difference is fixed in the double, or it is a known limit
// listed here with its reason (and in the README), and then it must really differ.

const double = join(root, 'test', 'double');

/** Recorded steps the double does not answer like the real cluster, and why. */
export const KNOWN_LIMITS: Record<string, string> = {
  'get-pods-wide': "the node's name: the double plays a k3s node `k3s-node`, the test cluster's is `k3d-notes-server-0` (names of nodes differ between clusters, and no tolerance rule should hide a NODE column)",
  'exec-fails': 'kwok words a failed exec "Internal error occurred: error executing command in container: cmd wait: ... exit status 1"; a kubelet, like the double, says "command terminated with exit code 1"',
  'get-deploy-yaml': 'kubectl writes `"annotations":{}` into last-applied-configuration when the manifest has none; the double leaves the key out (to fix in the double)',
  'get-deploy-json': 'the same last-applied-configuration difference as get-deploy-yaml',
  'events-deployment': 'the double keeps no Events (`get events` is an unknown resource type there); no note reads them except through describe',
};

const settings = { tolerances: builtinTolerances, namespace: undefined };

/**
 * Judged as a note step with this command is: under the tolerances and with the order the
 * command gives its lines (`kubectl get` rows sort by names whose hashes are random).
 */
const judged = (documented: string, actual: string, command: string) =>
  compareOutput(documented, actual, { ordering: orderingOf(command), text: command }, settings);

const minor = (version: string) => version.replace(/^v(\d+\.\d+).*$/, '$1');

interface Run {
  name: string;
  command: string;
  output: string;
  exitCode: number;
}

describe(`the double answers like kubectl ${recording.kubectl} against kube-apiserver ${recording.server}`, () => {
  let runs: Map<string, Run>;
  beforeAll(() => {
    const env = {
      ...process.env,
      PATH: `${double}:${process.env.PATH}`,
      KUBECONFIG: join(double, 'fixtures', 'kubeconfig.yaml'),
      KUBE_DOUBLE_STATE: mkdtempSync(join(tmpdir(), 'notes-run-contract-')),
      NO_COLOR: '1',
      // The double plays the same kubectl and server minor versions as the recording.
      KUBE_DOUBLE_CLIENT: minor(recording.kubectl),
      KUBE_DOUBLE_SERVER: minor(recording.server),
    };
    runs = new Map((runScenario(env) as Run[]).map((run) => [run.name, run]));
  }, 240_000);

  const same = (name: string) => {
    const real = recording.steps.find((step) => step.name === name)!;
    const mine = runs.get(name)!;
    const comparison = judged(recorded(name), mine.output, real.command);
    return { matches: comparison.matches && mine.exitCode === real.exitCode, comparison, mine, real };
  };

  const agreed = recording.steps.filter((step) => !(step.name in KNOWN_LIMITS)).map((step) => step.name);
  it.each(agreed)('%s: same output and exit status', (name) => {
    const { matches, comparison, mine, real } = same(name);
    const diff = comparison.diff.map((line) => `${line.op} ${line.text}`).join('\n');
    expect(matches, `${real.command}\nreal exit ${real.exitCode}, double exit ${mine.exitCode}\n${diff}`).toBe(true);
  });

  const limits = Object.keys(KNOWN_LIMITS);
  it.each(limits.length ? limits : ['(none)'])('%s: a known limit, and it still differs', (name) => {
    if (name === '(none)') return;
    expect(same(name).matches, `${name} now agrees: take it off KNOWN_LIMITS and the README`).toBe(false);
  });

  it('recorded every command of the scenario', () => {
    expect([...runs.keys()]).toEqual(recording.steps.map((step) => step.name));
  });
});

describe('the contract compares a pair the way a note step is judged', () => {
  // The double's pod-template-hash is random; a real one is the FNV hash of the template,
  // so the real rows of `get rs` after a rollout come in an order the double gets right
  // only half the time. kubectl sorts the rows by name: their order is not the output's.
  it('rows of `get rs` after a rollout match in either order, as in a note', () => {
    const real = recorded('get-rs-after-rollout');
    const [header, older, newer] = real.split('\n');
    const swapped = [header, newer.replace('7b9b75c556', '5d6fc54fb8'), older.replace('5794978fd6', '7f95cc59c9'), ''].join('\n');
    expect(judged(real, swapped, 'kubectl get rs -l app=sleep-1').matches).toBe(true);
  });

  it('still tells a different row apart', () => {
    const real = recorded('get-rs-after-rollout');
    expect(judged(real, real.replace(/ 3 {9}3 {9}3 /, ' 3         3         2 '), 'kubectl get rs -l app=sleep-1').matches).toBe(false);
  });
});
