import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CommandStep, Note } from '../../src/model.js';
import { parseNote } from '../../src/note/parse-note.js';

/** Whether a line is a command is read from the line alone, never from the PATH. */
const parse = (markdown: string): Note => parseNote('note.md', markdown);
const commands = (note: Note): CommandStep[] => note.steps.filter((step): step is CommandStep => step.kind === 'command');
const fence = (body: string, lang = 'bash') => `\`\`\`${lang}\n${body}\n\`\`\`\n`;

describe('the user note ch3.md', () => {
  const note = parseNote('notes/ch3.md', readFileSync(new URL('../../notes/ch3.md', import.meta.url), 'utf8'));
  const steps = commands(note);

  it('finds every command at its line, in order, and one yaml block', () => {
    expect(steps.map((step) => step.line)).toEqual([18, 24, 26, 31, 36, 51, 56, 61, 79, 84, 92]);
    expect(note.steps.filter((step) => step.kind === 'yaml').map((step) => step.line)).toEqual([66]);
    expect(note.messages.filter((m) => m.severity === 'error')).toEqual([]);
  });

  it('reads `#` output, drops the zsh `%` mark and stops the output there', () => {
    expect(steps[0].output).toMatchObject({ style: 'comment', text: 'deployment.apps/sleep-1 created\ndeployment.apps/sleep-2 created' });
    expect(steps[3].output?.text).toBe('10.xx.xx.xx');
    expect(steps[5].output?.text).toBe('10.42.0.60');
  });

  it("reads a `:'` block verbatim and keeps the comment after it out of the output", () => {
    const ping = steps[4];
    expect(ping.output?.style).toBe('heredoc');
    expect(ping.output?.text.split('\n')).toHaveLength(7);
    expect(ping.output?.text).not.toContain('==>');
    expect(ping.output?.firstLine).toBe(38);
    expect(ping.output?.lastLine).toBe(44);
  });

  it('expects the ping to the service to fail with exit code 1', () => {
    expect(steps[10].expectedExit).toEqual({ kind: 'code', code: 1 });
    expect(steps[4].expectedExit).toEqual({ kind: 'success' });
  });

  it('keeps the Korean heading path and the list-item text above each block', () => {
    expect(steps[9].context.headings).toEqual(['3. 네트워크를 통해 서비스에 Pod 연결하기', '3.1. Kubernetes 내부의 Network traffic routing']);
    expect(steps[9].context.text).toBe('Service 상세 정보');
  });

  it('ignores the empty block at the end', () => {
    expect(steps.at(-1)?.line).toBe(92);
  });
});

describe('documented output forms', () => {
  it("opens an output block with `: '` (with a space) too", () => {
    const [step] = commands(parse(fence("kubectl get ns\n: '\nNAME      STATUS   AGE\ndefault   Active   3d\n'")));
    expect(step.output).toMatchObject({ style: 'heredoc', text: 'NAME      STATUS   AGE\ndefault   Active   3d' });
  });

  it("treats comments and blank lines between a command and its `:'` block as annotations", () => {
    const [step] = commands(parse(fence("kubectl get svc\n# 결과:\n:'\nNAME   TYPE\n'")));
    expect(step.output?.text).toBe('NAME   TYPE');
    // Blank lines around those words change nothing; with no block after them, `#` lines are the output.
    const [spaced, other] = commands(parse(fence("kubectl get svc\n\n# 결과:\n\n: '\nNAME   TYPE\n'\nkubectl get pods\n# No resources found\n\n# 끝")));
    expect([spaced.output?.text, other.output?.text]).toEqual(['NAME   TYPE', 'No resources found']);
  });

  it('reads output pasted raw under its command, and hints about it', () => {
    const note = parse(fence('kubectl get pods\nNAME                       READY   STATUS    RESTARTS   AGE\nsleep-1-5bfcffdc46-vh8fd   1/1     Running   0          12s\nkubectl delete pod x\npod "x" deleted'));
    const [get, del] = commands(note);
    expect(get.output?.style).toBe('raw');
    expect(get.output?.text.split('\n')).toHaveLength(2);
    expect(del.command).toBe('kubectl delete pod x');
    expect(del.output?.text).toBe('pod "x" deleted');
    expect(note.messages.filter((m) => m.severity === 'hint').map((m) => m.line)).toEqual([3, 6]);
  });

  it('keeps a table row whose first word names a tool as output (`sleep` is also a command)', () => {
    const [step] = commands(parse(fence('kubectl get deploy sleep\nNAME    READY   UP-TO-DATE   AVAILABLE   AGE\nsleep   1/1     1            1            5s')));
    expect(step.output?.text.split('\n')).toHaveLength(2);
  });

  it('ends `#` output at a blank line; later comments are annotations', () => {
    const steps = commands(parse(fence('kubectl apply -f a.yaml\n# deployment.apps/a created\n\n# 설명: 다음 단계\nkubectl get pods')));
    expect(steps[0].output?.text).toBe('deployment.apps/a created');
    expect(steps[1].output).toBeUndefined();
  });

  it('runs a command with no documented output and expects success', () => {
    const [step] = commands(parse(fence('cd /tmp\nkubectl get pods')));
    expect(step.output).toBeUndefined();
    expect(step.expectedExit).toEqual({ kind: 'success' });
  });

  it('expects a non-zero exit for `Error from server` and `error:` output', () => {
    const steps = commands(parse(fence('kubectl get pod x\n# Error from server (NotFound): pods "x" not found\nkubectl wait --for=condition=Ready pod -l app=none\n# error: no matching resources found')));
    expect(steps.map((step) => step.expectedExit.kind)).toEqual(['failure', 'failure']);
  });
});

describe('expected failures', () => {
  const expected = (body: string) => commands(parse(fence(body))).map((step) => step.expectedExit);

  it('reads kubectl\'s words for a failure: an exit code, `Error from server`, `error:`', () => {
    expect(expected('kubectl exec x -- false\n# command terminated with exit code 3\nkubectl get pod nope\n# Error from server (NotFound): pods "nope" not found')).toEqual([
      { kind: 'code', code: 3 },
      { kind: 'failure' },
    ]);
  });

  it('expects a failure from kubectl when any object of a folder failed, after others were deleted (issue 20 item 5)', () => {
    const documented = 'deployment.apps "sleep-1" deleted\nError from server (NotFound): error when deleting "sleep/sleep2.yaml": deployments.apps "sleep-2" not found';
    expect(expected(`kubectl delete -f sleep/\n${documented.split('\n').map((line) => `# ${line}`).join('\n')}`)).toEqual([{ kind: 'failure' }]);
    // Only kubectl's own words: another program printing them proves nothing.
    expect(expected('cat log.txt\n# started\n# Error from server (NotFound): pods "x" not found')).toEqual([{ kind: 'success' }]);
  });

  it('takes an error printed under a simple command\'s own name as its failure', () => {
    expect(expected("ls /nope\n# ls: cannot access '/nope': No such file or directory\n/bin/cat x\n# /bin/cat: x: No such file or directory\n./run.sh\n# run.sh: boom")).toEqual([
      { kind: 'failure' },
      { kind: 'failure' },
      { kind: 'failure' },
    ]);
  });

  it("takes the shell's own complaint as a failure, bash's or zsh's", () => {
    const steps = commands(parse(fence('kubectx\n# bash: kubectx: command not found\nkubens\n# zsh: command not found: kubens\necho )\n# bash: syntax error near unexpected token `)\'')));
    expect(steps.map((step) => step.expectedExit.kind)).toEqual(['failure', 'failure', 'failure']);
  });

  it('does not when another program printed it, or the command is a pipeline', () => {
    expect(expected('echo "ls: x"\n# ls: x\ncat x | grep y\n# cat: x: No such file or directory\ncat a.txt\n# a.txt: hello')).toEqual([
      { kind: 'success' },
      { kind: 'success' },
      { kind: 'success' },
    ]);
  });

  it('expects the status an `echo $?` right below shows, across blocks too', () => {
    const steps = commands(parse(`${fence('false')}\ntext\n\n${fence('echo $?\n# 1\ntrue\necho "$?"\n# 0\ngrep x /dev/null')}${fence('echo $?\n# 2')}`));
    expect(steps.map((step) => step.expectedExit)).toEqual([
      { kind: 'code', code: 1 },
      { kind: 'success' },
      { kind: 'success' },
      { kind: 'success' },
      { kind: 'code', code: 2 },
      { kind: 'success' },
    ]);
  });
});

describe('where a command ends', () => {
  it('keeps here-document lines as data, even those starting with `#`', () => {
    const steps = commands(parse(fence("cat <<EOF > app.conf\n# not output\nkey: value\nEOF\n# app.conf written")));
    expect(steps).toHaveLength(1);
    expect(steps[0].command).toBe('cat <<EOF > app.conf\n# not output\nkey: value\nEOF');
    expect(steps[0].output?.text).toBe('app.conf written');
  });

  it("handles quoted and dash here-document delimiters", () => {
    const steps = commands(parse(fence("cat <<-'END'\n\t$HOME\n\tEND\necho done\n# done")));
    expect(steps.map((step) => step.line)).toEqual([2, 5]);
  });

  it('joins `\\` continuations, open quotes and `$( )` spanning lines', () => {
    const steps = commands(parse(fence("kubectl run x \\\n  --image=busybox\n# pod/x created\necho 'a\nb'\nX=$(kubectl get pods \\\n  -o name)\necho \"$X\"")));
    expect(steps.map((step) => step.command.split('\n').length)).toEqual([2, 2, 2, 1]);
    expect(steps[0].output?.text).toBe('pod/x created');
  });

  it('keeps compound commands whole', () => {
    const steps = commands(parse(fence('for i in 1 2\ndo\n  echo $i\ndone\n# 1\n# 2\nif true; then\n  echo yes\nfi')));
    expect(steps).toHaveLength(2);
    expect(steps[0].output?.text).toBe('1\n2');
  });

  it('keeps a compound whole when a word before it leads to a command, and takes any other word as plain', () => {
    const steps = commands(parse(fence('time for i in 1 2\ndo\n  echo $i\ndone\nconstructor() { echo x; }\nconstructor\n# x\nwhile true\ndo break\ndone')));
    expect(steps.map((step) => step.command.split('\n').length)).toEqual([4, 1, 1, 3]);
  });

  it('reports a command that never ends as a positioned problem', () => {
    const note = parse(fence("echo 'unclosed\nmore"));
    expect(commands(note)[0].problem).toMatch(/never ends/);
    expect(note.messages[0]).toMatchObject({ line: 2, column: 1, severity: 'error' });
  });
});

describe('fences', () => {
  it('finds blocks indented in list items and `~~~` fences, at the right lines', () => {
    const note = parse('- a\n  - b\n    ~~~sh\n    echo hi\n    # hi\n    ~~~\n');
    const [step] = commands(note);
    expect(step).toMatchObject({ line: 4, command: 'echo hi', output: { firstLine: 5, lastLine: 5 } });
    expect(step.output?.text).toBe('hi');
  });

  it('runs bash, sh, shell and zsh blocks and nothing else', () => {
    const note = parse(['bash', 'sh', 'shell', 'zsh', 'console', 'text', ''].map((lang) => fence('echo x', lang)).join('\n'));
    expect(commands(note)).toHaveLength(4);
  });

  // --update keeps each line's own break (update tests); reading only has to see through them.
  it('reads CRLF notes', () => {
    const note = parse('```bash\r\nkubectl get ns\r\n# NAME\r\n```\r\n');
    expect(commands(note)[0].output?.text).toBe('NAME');
  });

  it('reports a fence that is never closed, at its line', () => {
    const note = parse('# t\n\n```bash\necho hi\n');
    expect(note.messages[0]).toMatchObject({ line: 3, severity: 'error' });
    expect(commands(note)[0].problem).toMatch(/never closed/);
  });

  it("reports an output block that is never closed", () => {
    const note = parse(fence("kubectl get pods\n:'\nNAME"));
    expect(commands(note)[0].problem).toMatch(/never closed/);
    expect(note.messages[0]).toMatchObject({ line: 3 });
  });

  it('does not execute a bash block that holds only a manifest', () => {
    const [step] = commands(parse(fence('apiVersion: v1\nkind: Service\nmetadata:\n  name: x')));
    expect(step.notExecutable).toMatch(/holds no command/);
  });

  it('reads the file named in a yaml info string', () => {
    const note = parse(fence('kind: Service', 'yaml file=sleep/svc.yaml'));
    expect(note.steps[0]).toMatchObject({ kind: 'yaml', line: 1, infoFile: 'sleep/svc.yaml' });
  });
});

describe('long-running commands and sessions', () => {
  it('marks port-forward, logs -f, get -w and outputs ending in ^C as long-running', () => {
    const steps = commands(parse(fence('kubectl port-forward svc/x 8080:80\n# Forwarding from 127.0.0.1:8080 -> 80\n# ^C\nkubectl logs -f deploy/x\nkubectl get pods -w\nnpm start\n# listening\n# ^C\nkubectl get pods')));
    expect(steps.map((step) => step.longRunning)).toEqual([true, true, true, true, false]);
  });

  it('knows `k` as kubectl, the alias notes write', () => {
    const steps = commands(parse(fence('k port-forward svc/x 8080:80\nk get pods | grep web\nk exec -it deploy/sleep -- sh\nls /data\nexit\necho k get pods -w\nkubectl apply -k dir/')));
    expect(steps.map((step) => [step.command, step.longRunning])).toEqual([
      ['k port-forward svc/x 8080:80', true],
      ['k get pods | grep web', false],
      ['k exec -it deploy/sleep -- sh', false],
      ['echo k get pods -w', false],
      ['kubectl apply -k dir/', false],
    ]);
    expect(steps[2].session?.map((line) => line.command)).toEqual(['ls /data', 'exit']);
  });

  it('opens a session for a shell with a login flag, never for a shell given a command', () => {
    const steps = commands(parse(fence("kubectl exec -it deploy/web -- /bin/bash -l\nhostname\nexit\nkubectl exec -it deploy/web -- sh -c 'hostname'\nhostname")));
    expect(steps.map((step) => [step.command, step.session?.length])).toEqual([
      ['kubectl exec -it deploy/web -- /bin/bash -l', 2],
      ["kubectl exec -it deploy/web -- sh -c 'hostname'", undefined],
      ['hostname', undefined],
    ]);
  });

  it('feeds the lines typed after `kubectl exec -it ... -- sh` to the session, up to exit', () => {
    const note = parse(fence('kubectl exec -it deploy/sleep-1 -- sh\nnslookup sleep-2\n# Name: sleep-2\nexit\nkubectl get pods'));
    const steps = commands(note);
    expect(steps).toHaveLength(2);
    expect(steps[0].session?.map((line) => line.command)).toEqual(['nslookup sleep-2', 'exit']);
    expect(steps[0].session?.[0].output?.text).toBe('Name: sleep-2');
    expect(steps[1].command).toBe('kubectl get pods');
  });

  it('reads what is documented under `exit` and expects the exit status shown there', () => {
    const [step] = commands(parse(fence('kubectl exec -it deploy/sleep-1 -- sh\nping -c 1 sleep-2\n# 1 packets transmitted, 0 packets received, 100% packet loss\nexit\n# command terminated with exit code 1')));
    expect(step.session?.at(-1)?.output?.text).toBe('command terminated with exit code 1');
    expect(step.expectedExit).toEqual({ kind: 'code', code: 1 });
  });

  it('takes the expected exit status from an `exit` in the next block too', () => {
    const [step] = commands(parse(`${fence('kubectl exec -it deploy/sleep-1 -- sh')}\n${fence('false\nexit\n# command terminated with exit code 1')}`));
    expect(step.expectedExit).toEqual({ kind: 'code', code: 1 });
  });

  it('ends an open session at a pasted transcript or a host command', () => {
    const steps = commands(parse(`${fence('kubectl exec -it deploy/sleep-1 -- sh')}\n\`\`\`console\n/ # hostname\n\`\`\`\n${fence('kubectl get pods')}`));
    expect(steps.map((step) => [step.command, step.session?.length])).toEqual([
      ['kubectl exec -it deploy/sleep-1 -- sh', 0],
      ['kubectl get pods', undefined],
    ]);
  });

  it('continues a session opened last in its block into the next block', () => {
    const note = parse(`${fence('kubectl exec -it deploy/sleep-1 -- sh')}\n## Pod 안에서\n${fence('hostname\n# sleep-1\nexit\necho back')}`);
    const steps = commands(note);
    expect(steps[0].session?.map((line) => line.command)).toEqual(['hostname', 'exit']);
    expect(steps.map((step) => step.command)).toEqual(['kubectl exec -it deploy/sleep-1 -- sh', 'echo back']);
  });
});

describe('pasted prompts', () => {
  it('drops a `$ ` prompt before a command', () => {
    const [step] = commands(parse(fence('$ kubectl get ns\n# NAME')));
    expect(step.command).toBe('kubectl get ns');
  });

  it("drops a pod shell's prompt from the lines typed in a session, and its `exit`", () => {
    const [step] = commands(parse(fence('kubectl exec -it sleep-1 -- sh\n/ # nslookup sleep-2\n# Name: sleep-2\n/app $ hostname\n/ # exit')));
    expect(step.session?.map((line) => line.command)).toEqual(['nslookup sleep-2', 'hostname', 'exit']);
  });

  it('leaves a path with a trailing comment alone on the host', () => {
    const [step] = commands(parse(fence('/usr/bin/env # which env')));
    expect(step.command).toBe('/usr/bin/env # which env');
  });
});

describe('the zsh `%` mark', () => {
  it('is not read from a table header ending in a percent column, nor from a percentage', () => {
    const [step] = commands(parse(fence('kubectl top pods\n# NAME   CPU(cores)   CPU%\n# x      1m           0%')));
    expect(step.output?.text).toBe('NAME   CPU(cores)   CPU%\nx      1m           0%');
    expect(step.output?.droppedZshMark).toBeUndefined();
  });
});

describe('skip directives', () => {
  it('skips a step under `# notes-run: skip` and a block under `<!-- notes-run: skip -->`', () => {
    const note = parse(`${fence('# notes-run: skip needs docker\ndocker ps\necho kept')}\n<!-- notes-run: skip -->\n${fence('curl https://example.com')}`);
    expect(commands(note).map((step) => step.skip)).toEqual(['needs docker', undefined, 'skipped by a notes-run: skip directive']);
  });
});
