import { XMLParser } from 'fast-xml-parser';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { compareOutput } from '../../src/compare/compare-output.js';
import { judgeCommand } from '../../src/compare/judge-command.js';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import { describeCommand } from '../../src/note/command/describe-command.js';
import type { CommandStep, NoteResult, RunInfo, Verdict } from '../../src/model.js';
import { githubReport } from '../../src/report/github-report.js';
import { githubStepSummary } from '../../src/report/github-summary.js';
import { humanNoteReport, humanRecap, humanSummary } from '../../src/report/human-report.js';
import { jsonReport } from '../../src/report/json-report.js';
import { junitReport } from '../../src/report/junit-report.js';
import { reporters } from '../../src/report/reporters.js';
import { runHeader } from '../../src/report/run-header.js';

const plain = pc.createColors(false);
const context = { headings: ['3. 네트워크'], text: 'Service 상세 정보' };
const step = (line: number, command: string, output?: string, longRunning = false): CommandStep => ({
  kind: 'command',
  line,
  command,
  expectedExit: { kind: 'success' },
  context,
  longRunning,
  facts: describeCommand(command),
  ...(output ? { output: { text: output, style: 'comment' as const, firstLine: line + 1, lastLine: line + 1 } } : {}),
});
const run = (output: string, durationMs = 12.4, attempts = 1) => ({ output, exitCode: 0, durationMs, timedOut: false, stopped: false, attempts });
const pass = (line: number, command: string): Verdict => ({ step: step(line, command, 'ok'), status: 'pass', run: run('ok\n') });
const settings = { tolerances: builtinTolerances };
const svc = compareOutput('sleep-2   NodePort    10.43.44.128   <none>   80/TCP   12s', 'sleep-2   ClusterIP   10.43.193.80   <none>   80/TCP   1s', 'kubectl get svc', settings);
const staleVerdict: Verdict = { step: step(84, 'kubectl get svc sleep-2', 'x'), status: 'stale', run: run('y', 30, 5), comparison: svc };

const fresh: NoteResult = { file: 'notes/ch2.md', status: 'fresh', durationMs: 800, messages: [], verdicts: [pass(10, 'kubectl get pods'), pass(12, 'kubectl get svc')] };
const stale: NoteResult = { file: 'notes/ch3.md', status: 'stale', durationMs: 1500, messages: [], verdicts: [pass(18, 'kubectl apply -f a.yaml'), staleVerdict] };

describe('the default human report', () => {
  it('gives a fresh note one line, with its counts', () => {
    expect(humanNoteReport(fresh, plain)).toBe('FRESH notes/ch2.md 2 steps: 2 pass in 0.8 s\n');
  });

  it('shows a stale note with only its stale and broken steps, in full; --verbose shows every step', () => {
    const compact = humanNoteReport(stale, plain);
    expect(compact).not.toContain('kubectl apply -f a.yaml');
    expect(compact).toContain('✗ stale notes/ch3.md:84 kubectl get svc sleep-2');
    expect(compact).toContain('- sleep-2   NodePort    10.43.44.128');
    expect(humanNoteReport(stale, plain, 'verbose')).toContain('✓ notes/ch3.md:18 kubectl apply -f a.yaml');
    expect(humanNoteReport(fresh, plain, 'verbose')).toContain('✓ notes/ch2.md:12 kubectl get svc');
  });

  it('--quiet prints nothing for a fresh note, and the problems of a stale one', () => {
    expect(humanNoteReport(fresh, plain, 'quiet')).toBe('');
    expect(humanNoteReport(stale, plain, 'quiet')).toContain('✗ stale notes/ch3.md:84');
  });

  it('ends with a list naming each failing note and line, and none when all is fresh', async () => {
    const text = (await reporters.human()).onEnd([fresh, stale], 2300, plain, { info: live, view: 'compact', notesShown: true });
    expect(text).toContain('To look at (1):\n  stale  notes/ch3.md:84 kubectl get svc sleep-2\n');
    expect(text.indexOf('To look at')).toBeLessThan(text.indexOf('2 notes: 1 fresh, 1 stale'));
    expect(humanRecap([fresh], plain)).toBe('');
  });

  it('marks the changed words and dims the tolerated values when in colour', () => {
    const coloured = humanNoteReport(stale, pc.createColors(true));
    const c = pc.createColors(true);
    expect(coloured).toContain(c.bold(c.inverse(c.red('NodePort'))));
    expect(coloured).toContain(c.bold(c.inverse(c.green('ClusterIP'))));
    expect(coloured).toContain(c.dim('10.43.44.128'));
    expect(coloured).toContain(c.dim('12s'));
    expect(coloured).not.toContain(c.inverse(c.red('10.43.44.128')));
  });

  it('says a re-run read ran while the cluster converged, and what to do when it never matched', () => {
    expect(humanNoteReport(stale, plain)).toContain('kubectl get svc sleep-2 (run 5 times while the cluster converged, never matching; --converge gives it longer)');
  });

  it('suggests --converge only when the output was still changing (issue 20 item 15)', () => {
    const settled: NoteResult = { ...stale, verdicts: [{ ...staleVerdict, run: { ...staleVerdict.run!, settled: true } }] };
    const text = humanNoteReport(settled, plain);
    expect(text).toContain('kubectl get svc sleep-2 (run 5 times while the cluster converged, never matching)');
    expect(text).not.toContain('--converge');
  });

  it('says a long-running command printed nothing within its grace period, and how to give it longer', () => {
    const forward = step(40, 'kubectl port-forward svc/web 8080:80', 'Forwarding from 127.0.0.1:8080 -> 80', true);
    const judged = judgeCommand(forward, { output: '', exitCode: 143, durationMs: 3000, timedOut: false, stopped: true, attempts: 1 }, settings);
    expect(judged).toMatchObject({ status: 'stale', reason: 'printed nothing in 3.0 s; give it longer with --grace' });
    const printed = judgeCommand(forward, { output: 'Forwarding from [::1]:8080 -> 80\n', exitCode: 143, durationMs: 3000, timedOut: false, stopped: true, attempts: 1 }, settings);
    expect(printed.reason).toBeUndefined();
  });

  it('after --update says updated, not stale, for the note, the step and the summary', () => {
    const updated: NoteResult = { ...stale, verdicts: [stale.verdicts[0], { ...staleVerdict, updated: true }] };
    const text = humanNoteReport(updated, plain);
    expect(text).toMatch(/^UPDATED notes\/ch3\.md 2 steps: 1 pass, 1 updated/);
    expect(text).toContain('✎ updated notes/ch3.md:84');
    expect(humanSummary([updated], 1500, plain)).toBe('\n1 note: 1 updated · steps: 1 pass, 1 updated · 1.5 s\n');
    expect(humanRecap([updated], plain)).toBe('');
    expect(JSON.parse(jsonReport([updated], 1500)).summary).toMatchObject({ notes: { updated: 1, stale: 0 }, steps: { updated: 1, stale: 0 } });
  });
});

const live: RunInfo = { mode: 'live', context: 'k3d-dev', versions: { client: 'v1.34.1', server: 'v1.31.5+k3s1' }, startedAt: '2026-12-01T10:00:00.000Z' };
const offline: RunInfo = { mode: 'offline', context: 'default', versions: { client: 'v1.32.3', server: 'v1.31.5+k3s1' }, startedAt: '2026-12-04T10:00:00.000Z', snapshotAt: '2026-12-01T10:00:00.000Z' };

describe('what the run was against', () => {
  it('heads the report with the context, the server and kubectl versions, live or offline with the snapshot age', () => {
    expect(runHeader(live, new Date(), plain)).toBe('notes-run: live · kube context k3d-dev · server v1.31.5+k3s1 · kubectl v1.34.1\n');
    expect(runHeader(offline, new Date('2026-12-04T10:00:00Z'), plain)).toBe(
      'notes-run: offline · snapshot recorded 3 days ago on kube context default · server v1.31.5+k3s1 · kubectl v1.32.3\n',
    );
  });

  it('puts context, mode, versions and startedAt at the top of the JSON report, beside notes and summary', () => {
    const report = JSON.parse(jsonReport([fresh], 800, live));
    expect(report).toMatchObject({ context: 'k3d-dev', mode: 'live', versions: { client: 'v1.34.1', server: 'v1.31.5+k3s1' }, startedAt: live.startedAt });
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['notes', 'summary']));
    expect(JSON.parse(jsonReport([fresh], 800, offline))).toMatchObject({ mode: 'offline', snapshotAt: offline.snapshotAt });
  });
});

describe('CI reports add up', () => {
  it("JUnit: a suite's time is the sum of its testcases' times", () => {
    const slow: NoteResult = { ...stale, durationMs: 20_500, verdicts: [{ ...pass(1, 'a'), run: run('ok', 10.6) }, { ...pass(2, 'b'), run: run('ok', 11.4) }] };
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(junitReport([slow, fresh], 20_500));
    for (const suite of doc.testsuites.testsuite) {
      const sum = suite.testcase.reduce((total: number, testcase: { time: string }) => total + Number(testcase.time), 0);
      expect(Number(suite.time)).toBeCloseTo(sum, 6);
    }
    expect(doc.testsuites.testsuite[0].time).toBe('0.022');
    expect(doc.testsuites.time).toBe('0.046');
  });

  it('GitHub: the closing line counts "1 note", not "1 notes"', () => {
    expect(githubReport([fresh], 800).trim().split('\n').at(-1)).toBe('notes-run: 1 note: 1 fresh, 0 stale, 0 broken');
    expect(githubReport([fresh, stale], 800).trim().split('\n').at(-1)).toBe('notes-run: 2 notes: 1 fresh, 1 stale, 0 broken');
  });

  it('GitHub job summary: a Markdown table with a row per note and the failing steps at file:line', () => {
    const markdown = githubStepSummary([fresh, stale], 2300);
    expect(markdown).toContain('| Note | Status | Steps | Stale | Broken |');
    expect(markdown).toContain('| notes/ch2.md | ✅ fresh | 2 | 0 | 0 |');
    expect(markdown).toContain('| notes/ch3.md | ⚠️ stale | 2 | 1 | 0 |');
    expect(markdown).toContain('- stale `notes/ch3.md:84` kubectl get svc sleep-2');
    expect(markdown).toMatch(/^## notes-run\n\n2 notes: 1 fresh, 1 stale, 0 broken · 4 steps in 2\.3 s/);
  });
});
