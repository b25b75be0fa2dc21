import { describe, expect, it } from 'vitest';
import type { CompareSettings } from '../../src/compare/comparable-lines.js';
import { judgeCommand } from '../../src/compare/judge-command.js';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import type { CommandStep, NoteResult, StepRun, Verdict } from '../../src/model.js';
import { parseNote } from '../../src/note/parse-note.js';
import { outageMessage, rewritable, updatedNote } from '../../src/update/update-note.js';
import { workspace } from '../e2e/workspace.js';

// SPEC §7: nothing is rewritten from steps run while or after the cluster stopped
// answering, and the run says so. What the cluster holds after an outage (a Service the
// failed apply never changed, endpoints emptied) is the outage's doing, not the note's drift.

const settings: CompareSettings = { tolerances: builtinTolerances };
const fence = '```';

function run(output: string, exitCode = 0): StepRun {
  return { output, exitCode, durationMs: 10, timedOut: false, stopped: false, attempts: 1 };
}

function judge(source: string, runs: StepRun[]): NoteResult {
  const steps = parseNote('note.md', source).steps.filter((step): step is CommandStep => step.kind === 'command');
  const verdicts = steps.map((step, i): Verdict => ({ step, run: runs[i], ...judgeCommand(step, runs[i], settings) }));
  return { file: 'note.md', status: 'stale', verdicts, messages: [], durationMs: 0 };
}

const refused = 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n';
const note = [
  '# n',
  '',
  `${fence}bash`,
  'kubectl get svc web -o jsonpath="{.spec.type}"',
  '# NodePort',
  '',
  'kubectl apply -f web.yaml',
  '# service/web configured',
  '',
  'kubectl get svc web -o jsonpath="{.spec.type}"',
  '# ExternalName',
  '',
  'kubectl get endpoints web',
  '# NAME   ENDPOINTS       AGE',
  '# web    10.42.0.7:80    5s',
  fence,
  '',
].join('\n');

describe('--update after the cluster stopped answering', () => {
  it('rewrites the drift found before the outage and nothing from the outage on, and says where', () => {
    const result = judge(note, [
      run('ClusterIP'),
      run(refused, 1),
      // Back again, but the apply never happened: the Service is as the outage left it.
      run('ClusterIP'),
      run('NAME   ENDPOINTS   AGE\nweb    <none>      9s\n'),
    ]);
    expect(result.verdicts.map((verdict) => verdict.status)).toEqual(['stale', 'broken', 'stale', 'stale']);
    expect(rewritable(result).map((verdict) => verdict.step.line)).toEqual([4]);
    const update = updatedNote(note, result);
    expect(update?.text).toBe(note.replace('# NodePort', '# ClusterIP'));
    expect(outageMessage(result)).toMatchObject({ line: 7, severity: 'error', message: expect.stringContaining('127.0.0.1:6443 was refused') });
  });

  it('takes notes-run’s own look finding the cluster gone as the outage, on the step it was said on', () => {
    const runs = [run('ClusterIP'), run('service/web configured\n'), run('ClusterIP'), run('NAME   ENDPOINTS   AGE\nweb    <none>      9s\n')];
    runs[2].diagnosis = { pods: [], events: [], unreachable: 'the cluster stopped answering: dial tcp 127.0.0.1:6443: connect: connection refused' };
    const result = judge(note, runs);
    expect(rewritable(result).map((verdict) => verdict.step.line)).toEqual([4]);
  });

  it('leaves the note alone where a pod’s own `Connection refused` is the output', () => {
    const result = judge(note, [run('ClusterIP'), run('wget: can\'t connect to remote host (10.43.0.5): Connection refused\n', 1), run('ClusterIP'), run('NAME   ENDPOINTS   AGE\n')]);
    expect(outageMessage(result)).toBeUndefined();
  });
});

describe('--update against the double going down mid-run', () => {
  it('leaves every step from the outage on as the note has it and says so in the report', () => {
    const ws = workspace();
    const source = [
      '# n',
      '',
      `${fence}bash`,
      'echo now',
      '# then',
      '',
      'touch "$KUBE_DOUBLE_STATE/down"',
      '',
      'kubectl get svc',
      '# No resources found in default namespace.',
      '',
      'rm "$KUBE_DOUBLE_STATE/down"',
      '',
      'echo later',
      '# before',
      fence,
      '',
    ].join('\n');
    ws.writeNote(source, 'n.md');
    const result = ws.run(['--update', 'n.md']);
    expect(ws.note('n.md')).toBe(source.replace('# then', '# now'));
    expect(result.stdout + result.stderr).toMatch(/n\.md:9\S* .*not updated from here on: the cluster stopped answering/);
  });
});
