import { XMLParser } from 'fast-xml-parser';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import type { CommandStep, Diagnosis, NoteResult } from '../../src/model.js';
import { githubReport } from '../../src/report/github-report.js';
import { humanNoteReport } from '../../src/report/human-report.js';
import { jsonReport } from '../../src/report/json-report.js';
import { junitReport } from '../../src/report/junit-report.js';

// The cluster's word on a failed step, in every reporter.

const context = { headings: ['3. 네트워크'], text: 'Pod가 완전히 시작될 때까지 기다린다.' };
const step: CommandStep = { kind: 'command', line: 24, command: 'kubectl wait --for=condition=Ready pod -l app=sleep-1', expectedExit: { kind: 'success' }, context, longRunning: false };
const diagnosis: Diagnosis = {
  pods: [
    {
      pod: 'sleep-1-5bfcffdc46-vh8fd',
      phase: 'Pending',
      reason: 'ImagePullBackOff',
      container: 'sleep',
      image: 'kiamol/ch03-sleep',
      message: 'Back-off pulling image "kiamol/ch03-sleep": ErrImagePull: 429 Too Many Requests - Server message: toomanyrequests',
    },
    { pod: 'web-7d9c-x2x4z', phase: 'Running', reason: 'CrashLoopBackOff', container: 'web', image: 'kiamol/ch03-web', restarts: 4, logs: ['panic: no config'] },
  ],
  events: ['Failed pod/sleep-1-5bfcffdc46-vh8fd: Error: ImagePullBackOff'],
};
const run = { output: 'error: timed out waiting for the condition on pods/sleep-1-5bfcffdc46-vh8fd\n', exitCode: 1, durationMs: 30_000, timedOut: false, stopped: false, attempts: 3, diagnosis };
const result: NoteResult = {
  file: 'notes/ch3.md',
  status: 'broken',
  durationMs: 31_000,
  messages: [],
  verdicts: [{ step, status: 'broken', run, reason: 'exited with status 1' }],
};

describe('a diagnosis', () => {
  it('is the "diagnosis" field of the JSON step', () => {
    const json = JSON.parse(jsonReport([result], 1)) as { notes: { steps: { diagnosis: Diagnosis }[] }[] };
    expect(json.notes[0].steps[0].diagnosis).toEqual(diagnosis);
  });

  it('is shown under the step in the human report', () => {
    const text = humanNoteReport(result, pc.createColors(false));
    expect(text).toContain(
      [
        '          cluster:',
        '            pod sleep-1-5bfcffdc46-vh8fd Pending: ImagePullBackOff (container sleep, image kiamol/ch03-sleep)',
        '              Back-off pulling image "kiamol/ch03-sleep": ErrImagePull: 429 Too Many Requests - Server message: toomanyrequests',
        '            pod web-7d9c-x2x4z Running: CrashLoopBackOff (container web, image kiamol/ch03-web, 4 restarts)',
        '              last log lines:',
        '              │ panic: no config',
        '            warning events:',
        '              Failed pod/sleep-1-5bfcffdc46-vh8fd: Error: ImagePullBackOff',
      ].join('\n'),
    );
  });

  it("is the testcase's system-out in JUnit", () => {
    const xml = new XMLParser({ ignoreAttributes: false }).parse(junitReport([result], 1));
    const testcase = xml.testsuites.testsuite.testcase;
    expect(testcase.error).toBeDefined();
    expect(testcase['system-out']).toContain('pod sleep-1-5bfcffdc46-vh8fd Pending: ImagePullBackOff');
    expect(testcase['system-out']).toContain('toomanyrequests');
  });

  it("is part of the step's GitHub annotation", () => {
    const line = githubReport([result], 1).split('\n')[0];
    expect(line).toMatch(/^::error file=notes\/ch3\.md,line=24,/);
    expect(line).toContain('%0Acluster:%0Apod sleep-1-5bfcffdc46-vh8fd Pending: ImagePullBackOff');
    expect(line).toContain('│ panic: no config');
  });

  it('says a cluster that stopped answering in one line', () => {
    const down: NoteResult = { ...result, verdicts: [{ ...result.verdicts[0], run: { ...run, diagnosis: { pods: [], events: [], unreachable: 'the cluster stopped answering: connection refused' } } }] };
    expect(humanNoteReport(down, pc.createColors(false))).toContain('          cluster:\n            the cluster stopped answering: connection refused\n');
  });
});
