import { describe, expect, it } from 'vitest';
import type { CompareSettings } from '../../src/compare/comparable-lines.js';
import { judgeCommand } from '../../src/compare/judge-command.js';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import type { CommandStep, NoteResult, StepRun, Verdict } from '../../src/model.js';
import { parseNote } from '../../src/note/parse-note.js';
import { updatedNote } from '../../src/update/update-note.js';

// `--update` rewrites exactly what judging found drifted and nothing it found to hold:
// both read one comparison. Each case checks the rewritten note judged again against the
// same runs is fresh, and that lines that held under a tolerance keep their documented text.

const plain: CompareSettings = { tolerances: builtinTolerances };
/** Recorded with kubectl 1.32, run with 1.34: `delete` wording differs only by version. */
const acrossVersions: CompareSettings = {
  tolerances: builtinTolerances,
  portability: { recorded: { client: 'v1.32.3', server: 'v1.31.5+k3s1' }, current: { client: 'v1.34.1', server: 'v1.31.5+k3s1' } },
};

function run(output: string, sessionOutputs?: string[]): StepRun {
  return { output, exitCode: 0, durationMs: 10, timedOut: false, stopped: false, attempts: 1, ...(sessionOutputs ? { sessionOutputs } : {}) };
}

function judge(source: string, runs: StepRun[], settings: CompareSettings): NoteResult {
  const note = parseNote('note.md', source);
  const commands = note.steps.filter((step): step is CommandStep => step.kind === 'command');
  expect(commands).toHaveLength(runs.length);
  const verdicts = commands.map((step, i): Verdict => ({ step, run: runs[i], ...judgeCommand(step, runs[i], settings) }));
  return { file: 'note.md', status: 'stale', verdicts, messages: [], durationMs: 0 };
}

/** Judges the note against its runs, rewrites it from those verdicts, and judges the rewrite against the same runs. */
function judgeThenUpdate(source: string, runs: StepRun[], settings = plain, all = false) {
  const verdicts = judge(source, runs, settings).verdicts;
  const update = updatedNote(source, { file: 'note.md', status: 'stale', verdicts, messages: [], durationMs: 0 }, () => true, all);
  const again = update ? judge(update.text, runs, settings).verdicts : verdicts;
  return { verdicts, update, statusesAfter: again.map((verdict) => verdict.status) };
}

const block = (...lines: string[]) => ['# note', '', '```bash', ...lines, '```', ''].join('\n');

describe('--update and judging agree on what drifted', () => {
  it("leaves a typed line's output that matched only once its `%` was read back as output (the zsh retry)", () => {
    const source = block('kubectl exec -it deploy/web -- sh', '/ # printf 50%', '50%', '/ # hostname', 'web-old');
    // printf prints no final newline: the `%` the note shows is the command's own.
    const { verdicts, update, statusesAfter } = judgeThenUpdate(source, [run('', ['', '50%', 'web-new\n'])]);
    expect(verdicts[0].status).toBe('stale');
    expect(verdicts[0].typed?.map((typed) => typed.status)).toEqual(['pass', 'stale']);
    expect(update?.text).toBe(source.replace('web-old', 'web-new'));
    expect(statusesAfter).toEqual(['pass']);
  });

  it('rewrites only the typed line that drifted in a session, and keeps the pod names the other one documents', () => {
    const source = block('kubectl exec -it deploy/web -- sh', '/ # hostname', 'web-5bfcffdc46-vh8fd', '/ # cat /etc/motd', 'hello');
    const { update, statusesAfter } = judgeThenUpdate(source, [run('', ['', 'web-7d9f8b6c5d-q2x7w\n', 'welcome\n'])]);
    expect(update?.text).toBe(source.replace('hello', 'welcome'));
    expect(statusesAfter).toEqual(['pass']);
  });

  it('leaves an output that differs only as portable, and rewrites it too with --update=all', () => {
    const source = block('kubectl delete pod sleep', '# pod "sleep" deleted', 'kubectl get cm', '# NAME   DATA   AGE', '# one    1      5s');
    const runs = [run('pod "sleep" deleted from default namespace\n'), run('NAME   DATA   AGE\ntwo    1      9s\n')];
    const stale = judgeThenUpdate(source, runs, acrossVersions);
    expect(stale.verdicts.map((verdict) => [verdict.status, verdict.comparison?.portable])).toEqual([
      ['pass', ['kubectl-1.34-delete-wording']],
      ['stale', undefined],
    ]);
    // Another row than the one documented: written as printed, none of the old row's values kept.
    expect(stale.update?.text).toBe(source.replace('# one    1      5s', '# two    1      9s'));
    expect(stale.statusesAfter).toEqual(['pass', 'pass']);
    const all = judgeThenUpdate(source, runs, acrossVersions, true);
    expect(all.update?.text).toBe(source.replace('# one    1      5s', '# two    1      9s').replace('# pod "sleep" deleted', '# pod "sleep" deleted from default namespace'));
    expect(all.statusesAfter).toEqual(['pass', 'pass']);
  });

  it('keeps the rows of a table that only moved, re-aligning the columns of the row that drifted', () => {
    const source = block(
      'kubectl get svc',
      '# NAME      TYPE        CLUSTER-IP     PORT(S)   AGE',
      '# api       ClusterIP   10.43.12.7     80/TCP    3m',
      '# sleep-2   ClusterIP   10.43.44.128   80/TCP    12s',
    );
    // kubectl sorts by name, but the judge reads rows in any order: only sleep-2's type drifted.
    const actual = 'NAME      TYPE       CLUSTER-IP    PORT(S)        AGE\nsleep-2   NodePort   10.43.91.7    80:31234/TCP   3s\napi       ClusterIP  10.43.1.9     80/TCP         9m\n';
    const { update, statusesAfter } = judgeThenUpdate(source, [run(actual)]);
    expect(update?.text).toBe(source.replace('# sleep-2   ClusterIP   10.43.44.128   80/TCP    12s', '# sleep-2   NodePort    10.43.44.128   80:31234/TCP  12s'));
    expect(statusesAfter).toEqual(['pass']);
  });

  it('keeps the order the note lists an environment in, changing only the variable that drifted', () => {
    const source = block('printenv | grep KIAMOL', '# KIAMOL_CHAPTER=04', '# KIAMOL_SECTION=4.1', '# KIAMOL_EXERCISE=try it now');
    const { update, statusesAfter } = judgeThenUpdate(source, [run('KIAMOL_EXERCISE=try it now\nKIAMOL_SECTION=4.2\nKIAMOL_CHAPTER=04\n')]);
    expect(update?.text).toBe(source.replace('4.1', '4.2'));
    expect(statusesAfter).toEqual(['pass']);
  });

  it('keeps the `...` where the author left lines out, and the values around it that still hold', () => {
    const source = block('kubectl describe pod web', '# Name:   web-5bfcffdc46-vh8fd', '# ...', '# Status: Running', '# IP:     10.42.0.7');
    const actual = 'Name:   web-7d9f8b6c5d-q2x7w\nNamespace: default\nNode: k3s\nStatus: Pending\nIP:     10.42.3.9\n';
    const { update, statusesAfter } = judgeThenUpdate(source, [run(actual)]);
    expect(update?.text).toBe(source.replace('Running', 'Pending'));
    expect(statusesAfter).toEqual(['pass']);
  });

  it("keeps a `:'` block's leading blank line at its edge when the output gains a first line", () => {
    const source = block('kubectl rollout history deploy/pi-web', ":'", '', 'REVISION  CHANGE-CAUSE', '1         <none>', "'");
    const actual = 'deployment.apps/pi-web\nREVISION  CHANGE-CAUSE\n1         <none>\n\n';
    const { update, statusesAfter } = judgeThenUpdate(source, [run(actual)]);
    expect(update?.text).toBe(source.replace("\n\nREVISION", '\n\ndeployment.apps/pi-web\nREVISION'));
    expect(statusesAfter).toEqual(['pass']);
  });

  it('writes new lines in the `# ` style and indentation the output already uses, a bare `#` for a blank line', () => {
    const source = ['- list item', '  ```bash', '  kubectl get cm', '  # NAME   DATA   AGE', '  # one    1      5s', '  ```', ''].join('\n');
    const { update, statusesAfter } = judgeThenUpdate(source, [run('NAME   DATA   AGE\none    1      9s\n\nNAME   DATA   AGE\ntwo    2      1s\n')]);
    expect(update?.text).toBe(source.replace('  # one    1      5s', '  # one    1      5s\n  #\n  # NAME   DATA   AGE\n  # two    2      1s'));
    expect(statusesAfter).toEqual(['pass']);
  });

  it('keeps a CRLF note CRLF, line by line, and judges the rewrite fresh', () => {
    const source = block('kubectl get cm', '# NAME   DATA   AGE', '# one    1      5s').replace(/\n/g, '\r\n');
    const { update, statusesAfter } = judgeThenUpdate(source, [run('NAME   DATA   AGE\none    1      9s\ntwo    2      1s\n')]);
    expect(update?.text).toBe(source.replace('# one    1      5s\r\n', '# one    1      5s\r\n# two    2      1s\r\n'));
    expect(statusesAfter).toEqual(['pass']);
  });
});

describe('the alignment a comparison carries', () => {
  it('names what made two lines that differ as written equal', () => {
    const source = block('kubectl get pods', '# NAME                     READY   STATUS    AGE', '# web-5bfcffdc46-vh8fd     1/1     Running   5s', '# old                      1/1     Running   5s');
    const actual = 'NAME                   READY   STATUS    AGE\nweb-7d9f8b6c5d-q2x7w   1/1     Running   2m\nnew                    1/1     Running   2m\n';
    const [verdict] = judge(source, [run(actual)], plain).verdicts;
    const [part] = verdict.comparison!.parts!;
    expect(part.output?.firstLine).toBe(5);
    expect(part.alignment?.map((line) => [line.op, line.documented, line.by])).toEqual([
      ['same', 0, ['blanks']],
      ['same', 1, expect.arrayContaining(['age', 'blanks'])],
      ['removed', 2, undefined],
      ['added', undefined, undefined],
    ]);
    // A row of another name is not the old row changed: none of its words are held.
    expect(part.alignment?.[3]).toEqual({ op: 'added', actual: 'new                    1/1     Running   2m' });
  });
});
