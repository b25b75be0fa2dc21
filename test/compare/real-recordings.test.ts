import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareOutput } from '../../src/compare/compare-output.js';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import { recorded, recording } from '../contract/recordings.js';

// Real kubectl output (test/fixtures/real/, recorded from the test control plane of
// test/cluster/ with the versions in recording.json): two runs of each command compare
// equal under the tolerance rules, the documented outputs of notes/ch3.md hold against
// what the real cluster printed, and a real drift is still seen.

const settings = { tolerances: builtinTolerances };
const ch3 = readFileSync(new URL('../../notes/ch3.md', import.meta.url), 'utf8');

describe(`real recordings (kubectl ${recording.kubectl}, server ${recording.server})`, () => {
  it('were recorded with a real client and server', () => {
    expect(recording.kubectl).toMatch(/^v1\.\d+\.\d+/);
    expect(recording.server).toMatch(/^v1\.\d+\.\d+/);
    expect(recording.steps.length).toBeGreaterThanOrEqual(40);
  });

  it.each(recording.steps.map((step) => [step.name, step.command] as const))('%s: the second run compares equal (%s)', (name, command) => {
    const comparison = compareOutput(recorded(name), recorded(name, 2), command, settings);
    expect(comparison.matches, comparison.diff.map((line) => `${line.op} ${line.text}`).join('\n')).toBe(true);
    const step = recording.steps.find((s) => s.name === name)!;
    expect(step.exitCodeRun2).toBe(step.exitCode);
  });

  it('the runs really differ, so the test above proves something', () => {
    const differing = recording.steps.filter((step) => recorded(step.name) !== recorded(step.name, 2));
    expect(differing.length).toBeGreaterThanOrEqual(10);
  });

  /** The output documented under `command` in notes/ch3.md (a `:'` block). */
  const documentedInCh3 = (command: string) => {
    const from = ch3.indexOf(command);
    const block = ch3.slice(ch3.indexOf(":'\n", from) + 3);
    return block.slice(0, block.indexOf("\n    '")).replace(/^ {4}/gm, '');
  };

  it.each([
    ['get-svc', 'kubectl get svc sleep-2'],
  ])('notes/ch3.md documents what the real cluster prints for %s', (name, command) => {
    const comparison = compareOutput(documentedInCh3(command), recorded(name), command, settings);
    expect(comparison.matches, comparison.diff.map((line) => `${line.op} ${line.text}`).join('\n')).toBe(true);
  });

  it.each([
    ['get-svc', 'ClusterIP', 'NodePort '],
    ['get-deploy', '1/1', '0/1'],
    ['rollout-status', 'successfully rolled out', 'exceeded its progress deadline'],
    ['get-not-found', 'NotFound', 'Forbidden'],
  ])('a real %s output with %s changed to %s is drift', (name, from, to) => {
    const real = recorded(name);
    expect(real).toContain(from);
    const command = recording.steps.find((step) => step.name === name)!.command;
    expect(compareOutput(real, real.replace(from, to), command, settings).matches).toBe(false);
  });
});
