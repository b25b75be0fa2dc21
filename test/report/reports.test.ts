import { XMLParser } from 'fast-xml-parser';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import type { CommandStep, NoteResult, YamlStep } from '../../src/model.js';
import { githubReport } from '../../src/report/github-report.js';
import { humanNoteReport, humanSummary } from '../../src/report/human-report.js';
import { jsonReport } from '../../src/report/json-report.js';
import { junitReport } from '../../src/report/junit-report.js';
import { exitCodeOf } from '../../src/report/summary.js';

const context = { headings: ['3. 네트워크', '3.1. Routing'], text: 'Service 상세 정보' };
const block = { fenceLine: 83, indent: '    ' };
const command = (line: number, text: string, output?: string): CommandStep => ({
  kind: 'command',
  line,
  command: text,
  expectedExit: { kind: 'success' },
  context,
  block,
  longRunning: false,
  ...(output ? { output: { text: output, style: 'comment' as const, firstLine: line + 1, lastLine: line + 1 } } : {}),
});
const yaml: YamlStep = { kind: 'yaml', line: 66, source: 'kind: Service', linksAbove: [], context, block };
const run = (output: string, exitCode = 0) => ({ output, exitCode, durationMs: 12.4, timedOut: false, stopped: false, attempts: 1 });

const result: NoteResult = {
  file: 'notes/ch3.md',
  status: 'stale',
  durationMs: 1500,
  messages: [{ line: 40, column: 5, message: 'output pasted without `#`', severity: 'hint' }],
  verdicts: [
    { step: command(18, 'kubectl apply -f a.yaml', 'deployment.apps/a created'), status: 'pass', run: run('deployment.apps/a created\n') },
    {
      step: command(84, 'kubectl get svc sleep-2', 'sleep-2   NodePort'),
      status: 'stale',
      run: run('sleep-2   ClusterIP\n'),
      comparison: { matches: false, diff: [{ op: '-', text: 'sleep-2   NodePort' }, { op: '+', text: 'sleep-2   ClusterIP' }], notes: [] },
    },
    { step: command(92, 'false'), status: 'broken', run: run('', 1), reason: 'exited with status 1' },
    { step: yaml, status: 'pass', boundFile: 'sleep/sleep2-service.yaml', reason: 'same as the file' },
    { step: command(100, 'docker ps'), status: 'skipped', reason: 'needs docker' },
  ],
};

describe('the JSON report', () => {
  const report = JSON.parse(jsonReport([result], 1500));

  it('fills the contract for every step', () => {
    const [note] = report.notes;
    expect(note).toMatchObject({ file: 'notes/ch3.md', status: 'stale' });
    expect(note.steps[1]).toMatchObject({
      line: 84,
      kind: 'command',
      status: 'stale',
      command: 'kubectl get svc sleep-2',
      expected: 'sleep-2   NodePort',
      actual: 'sleep-2   ClusterIP\n',
      exitCode: 0,
      durationMs: 12,
      heading: '3.1. Routing',
      diff: ['-sleep-2   NodePort', '+sleep-2   ClusterIP'],
    });
    expect(note.steps[3]).toMatchObject({ line: 66, kind: 'yaml', status: 'pass', file: 'sleep/sleep2-service.yaml', exitCode: null, actual: null });
    expect(note.steps[4]).toMatchObject({ status: 'skipped', reason: 'needs docker', exitCode: null });
  });

  it('sums up notes and steps', () => {
    expect(report.summary).toMatchObject({
      notes: { total: 1, fresh: 0, stale: 1, broken: 0 },
      steps: { total: 5, pass: 2, stale: 1, broken: 1, skipped: 1, unchecked: 0, unverified: 0 },
    });
  });
});

describe('the human report', () => {
  const text = humanNoteReport(result, pc.createColors(false));

  it('names the note, the Korean heading path, file:line, command and the diff', () => {
    expect(text).toContain('STALE notes/ch3.md');
    expect(text).toContain('§ 3. 네트워크 › 3.1. Routing');
    expect(text).toContain('Service 상세 정보');
    expect(text).toContain('✗ stale notes/ch3.md:84 kubectl get svc sleep-2');
    expect(text).toContain('- sleep-2   NodePort');
    expect(text).toContain('+ sleep-2   ClusterIP');
    expect(text).toContain('✗ broken notes/ch3.md:92 false');
    expect(text).toContain('exited with status 1');
    expect(text).toContain('notes/ch3.md:40:5 hint output pasted');
  });

  it('says how many runs a re-run cluster read took', () => {
    const retried: NoteResult = { ...result, verdicts: [{ ...result.verdicts[0], run: { ...run('x'), attempts: 3 } }] };
    expect(humanNoteReport(retried, pc.createColors(false), 'verbose')).toContain('kubectl apply -f a.yaml (run 3 times while the cluster converged)');
  });

  it('has no colour codes when colour is off, and has them when on', () => {
    expect(text).not.toMatch(/\u001b\[/);
    expect(humanNoteReport(result, pc.createColors(true))).toMatch(/\u001b\[/);
  });

  it('ends with a summary line', () => {
    expect(humanSummary([result], 1500, pc.createColors(false))).toBe('\n1 note: 1 stale · steps: 2 pass, 1 stale, 1 broken, 1 skipped · 1.5 s\n');
  });
});

describe('CI reports', () => {
  it('JUnit: a suite per note, stale steps as failures, broken as errors, skipped as skipped', () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(junitReport([result], 1500));
    expect(doc.testsuites).toMatchObject({ tests: '5', failures: '1', errors: '1' });
    const cases = doc.testsuites.testsuite.testcase;
    expect(cases[1].failure).toMatchObject({ type: 'stale' });
    expect(cases[2].error).toMatchObject({ type: 'broken', message: 'exited with status 1' });
    expect(cases[4].skipped).toBeDefined();
    expect(cases[1].name).toBe('notes/ch3.md:84 3. 네트워크 › 3.1. Routing › Service 상세 정보 › kubectl get svc sleep-2');
  });

  it('escapes what XML cannot hold', () => {
    const odd: NoteResult = { ...result, verdicts: [{ step: command(1, 'echo "<a & b>"'), status: 'broken', reason: 'bad \u0007 "x"' }] };
    const xml = junitReport([odd], 1);
    expect(xml).toContain('echo &quot;&lt;a &amp; b&gt;&quot;');
    expect(xml).not.toContain('\u0007');
  });

  it('GitHub: one annotation per stale or broken step at file:line, newlines escaped', () => {
    const lines = githubReport([result], 1500).trim().split('\n');
    expect(lines[0]).toBe('::warning file=notes/ch3.md,line=84,title=stale%3A kubectl get svc sleep-2::3. 네트워크 › 3.1. Routing › Service 상세 정보%0A- sleep-2   NodePort%0A+ sleep-2   ClusterIP');
    expect(lines[1]).toMatch(/^::error file=notes\/ch3\.md,line=92,title=broken%3A false::/);
    expect(lines[2]).toMatch(/^::notice file=notes\/ch3\.md,line=40,col=5::/);
  });
});

describe('exit codes', () => {
  it('is 0 only when every note is fresh, or its stale outputs were all updated', () => {
    expect(exitCodeOf([{ ...result, status: 'fresh' }])).toBe(0);
    expect(exitCodeOf([result])).toBe(1);
    const updated: NoteResult = { ...result, verdicts: result.verdicts.filter((v) => v.status !== 'broken').map((v) => (v.status === 'stale' ? { ...v, updated: true } : v)) };
    expect(exitCodeOf([updated])).toBe(0);
  });
});

describe('a step that passes as portable', () => {
  const portable: NoteResult = {
    file: 'notes/ch9.md',
    status: 'fresh',
    durationMs: 900,
    messages: [],
    verdicts: [
      { step: command(18, 'kubectl apply -f a.yaml', 'deployment.apps/a created'), status: 'pass', run: run('deployment.apps/a created\n') },
      {
        step: command(20, 'kubectl delete pod a', 'pod "a" deleted'),
        status: 'pass',
        run: run('pod "a" deleted from default namespace\n'),
        comparison: { matches: true, diff: [], notes: [], portable: ['kubectl-1.34-delete-wording'] },
      },
    ],
  };

  it('is marked ≈ with its fact in the human report, and counted', () => {
    const text = humanNoteReport(portable, pc.createColors(false), 'verbose');
    expect(text).toContain('      ≈ notes/ch9.md:20 kubectl delete pod a ≈ kubectl-1.34-delete-wording');
    expect(text).toContain('      ✓ notes/ch9.md:18 kubectl apply -f a.yaml\n');
    expect(text).toContain('2 steps: 2 pass (1 portable)');
    expect(humanSummary([portable], 900, pc.createColors(false))).toContain('steps: 2 pass (1 portable)');
  });

  it('carries `portable` in the JSON report and its count in the summary', () => {
    const report = JSON.parse(jsonReport([portable], 900));
    expect(report.notes[0].steps[1]).toMatchObject({ status: 'pass', portable: ['kubectl-1.34-delete-wording'] });
    expect(report.notes[0].steps[0].portable).toBeUndefined();
    expect(report.summary).toMatchObject({ portable: 1, steps: { pass: 2 } });
  });
});
