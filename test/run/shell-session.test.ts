import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { isPlainLine as writtenAsIs } from '../../src/note/command/plain-line.js';
import { stepScript } from '../../src/run/batch-script.js';
import { ShellSession } from '../../src/run/shell-session.js';

let shell: ShellSession | undefined;
afterEach(async () => {
  await shell?.close();
  shell = undefined;
});

async function runBatch(commands: string[], options: { timeoutMs?: number; maxFileBytes?: number; maxOutputBytes?: number } = {}) {
  shell ??= new ShellSession({ cwd: tmpdir(), env: { PATH: process.env.PATH, HOME: tmpdir() }, ...options });
  const results = await shell.executeBatch(commands.map((command) => ({ command, timeoutMs: options.timeoutMs ?? 10_000 })));
  return results.map((result) => [result.output, result.exitCode]);
}

describe('which steps are written into the batch as they are', () => {
  it('takes plain one-line commands, pipes and output redirections included', () => {
    for (const command of ['echo step 1', 'kubectl get pods -o wide', 'X=1', 'ls | wc -l > /dev/null', 'echo $HOME; cd /tmp']) {
      expect(writtenAsIs(command), command).toBe(true);
      expect(stepScript(command, 'T')).toBe(`${command}\nbuiltin echo "\u001eT:$?\u001e"\n`);
    }
  });

  it('sends through eval what could make bash read on, or end the batch', () => {
    const throughEval = ["echo 'a'", 'echo "$(date)"', 'cat <<EOF', 'a \\', 'sleep 1 &', 'exit 1', 'if true; then echo; fi', 'f() { :; }', 'echo x # note', 'for x in a; do :; done'];
    for (const command of throughEval) {
      expect(writtenAsIs(command), command).toBe(false);
      expect(stepScript(command, 'T')).toMatch(/^__notes_run_command=\$'.*'; __notes_run_step; builtin echo /s);
    }
  });

  it('keeps a status in a variable only for a step after it that reads `$?`', () => {
    expect(stepScript('false', 'T', { keepStatus: true })).toBe('false\n__notes_run_last=$?; builtin echo "\u001eT:$__notes_run_last\u001e"\n');
    expect(stepScript('echo $?', 'T', { lastStatus: '3' })).toMatch(/^__notes_run_status 3; echo \$\?\n/);
    expect(stepScript("echo '$?'", 'T', { lastStatus: '3' })).toMatch(/^__notes_run_command=.*; __notes_run_status 3; __notes_run_step; /);
    expect(stepScript('echo ok', 'T', { lastStatus: '3' })).not.toContain('__notes_run_status');
  });
});

describe('a batch of steps in one shell', () => {
  it('carries shell state from step to step, either way a step is written', async () => {
    expect(await runBatch(['X=1', "Y='two'", 'echo $X $Y', 'cd /', 'pwd'])).toEqual([
      ['', 0],
      ['', 0],
      ['1 two\n', 0],
      ['', 0],
      ['/\n', 0],
    ]);
  });

  it('runs the steps after a plain line bash cannot parse, with the state before it', async () => {
    const results = await runBatch(['X=1', 'echo a ;; b', 'echo $X', '| grep x', "echo 'a' )", 'echo last']);
    // As at a prompt: the error alone, without the line bash gave up on.
    expect(results[1]).toEqual(["bash: syntax error near unexpected token `;;'\n", 2]);
    expect(results[2]).toEqual(['1\n', 0]);
    expect(results[3]).toEqual(["bash: syntax error near unexpected token `|'\n", 2]);
    expect(results[4]).toEqual(["bash: syntax error near unexpected token `)'\n", 2]);
    expect(results[5]).toEqual(['last\n', 0]);
  });

  it("gives each step the status the step before ended with, as `$?` after a failed command shows", async () => {
    expect(await runBatch(['false', 'echo $?', "X='a'; (exit 3)", 'echo "$?"', 'true', 'echo $?'])).toEqual([
      ['', 1],
      ['1\n', 0],
      ['', 3],
      ['3\n', 0],
      ['', 0],
      ['0\n', 0],
    ]);
    await shell!.execute({ command: 'false', timeoutMs: 10_000 });
    expect(await shell!.execute({ command: 'echo $?', timeoutMs: 10_000 })).toMatchObject({ output: '1\n' });
  });

  it('reads output that does not end in a newline, and a note that defines its own `echo` or `printf`', async () => {
    expect(await runBatch(['printf abc', "echo() { printf 'mine\\n'; }", 'alias printf=false', 'echo x', 'printf "no newline"', 'unset -f echo'])).toEqual([
      ['abc', 0],
      ['', 0],
      ['', 0],
      ['mine\n', 0],
      ['', 1],
      ['', 0],
    ]);
  });

  it('ends only the step on `exit`, with its status', async () => {
    expect(await runBatch(['exit 3', 'echo still here'])).toEqual([
      ['', 3],
      ['still here\n', 0],
    ]);
  });

  it('names errors the way bash at a prompt does, not by the batch file', async () => {
    const [cd, missing, inner] = await runBatch(['cd /nonexistent-dir', 'no-such-command-here', "bash -c 'no-such-command-here'"]);
    expect(cd).toEqual(['bash: cd: /nonexistent-dir: No such file or directory\n', 1]);
    expect(missing).toEqual(['bash: no-such-command-here: command not found\n', 127]);
    // What a command itself prints is its output, `line 1` and all.
    expect(inner[0]).toMatch(/^bash: line 1: no-such-command-here: command not found/);
  });

  it('stops a step of a batch that keeps writing, and goes on with the next', async () => {
    const [endless, next] = await runBatch(['yes', 'echo next'], { maxFileBytes: 1 << 20, maxOutputBytes: 1000 });
    expect(endless[0]).toMatch(/^y\ny\n/);
    expect(endless[0]).toMatch(/characters of output dropped\]\n.*was stopped\]\n$/s);
    expect(endless[1]).not.toBe(0);
    expect(next).toEqual(['next\n', 0]);
  });

  it('ends the shell when bash itself keeps writing to a batch file, as in a loop of builtins', async () => {
    const [endless, next] = await runBatch(['while :; do echo y; done', 'echo next'], { maxFileBytes: 1 << 20, maxOutputBytes: 1000 });
    expect(endless[0]).toMatch(/was stopped/);
    expect(endless[1]).toBeNull();
    expect(next[1]).toBeNull();
    expect(shell!.alive).toBe(false);
  });

  it('stops a step of a batch that outlives its time limit, and goes on with the next', async () => {
    shell = new ShellSession({ cwd: tmpdir(), env: { PATH: process.env.PATH } });
    const [slow, next] = await shell.executeBatch([
      { command: 'echo before; sleep 30', timeoutMs: 300 },
      { command: 'echo next', timeoutMs: 10_000 },
    ]);
    // bash's own `Terminated` notice is dropped a level up, in run-note.
    expect(slow).toMatchObject({ output: expect.stringMatching(/^before\n/), timedOut: true });
    expect(next).toMatchObject({ output: 'next\n', exitCode: 0 });
  });

  it('keeps what a job left running in the background prints out of the steps of a batch', async () => {
    shell = new ShellSession({ cwd: tmpdir(), env: { PATH: process.env.PATH } });
    await shell.execute({ command: '(sleep 0.2; echo from the job) &', timeoutMs: 10_000 });
    const results = await shell.executeBatch(['echo a', 'sleep 0.4', 'echo b'].map((command) => ({ command, timeoutMs: 10_000 })));
    expect(results.map((result) => result.output)).toEqual(['a\n', '', 'b\n']);
    expect(await shell.lateOutput(100, () => true)).toContain('from the job');
  });
});

describe('a shell that dies in a batch', () => {
  // The race of issue 20 item 0: bash writes a step's output and marker, then dies in the
  // next step before the output is read. A batch file read only every half second (a
  // loaded machine's scheduling, made certain) has the death seen before the read.
  it('blames the step it died in, never the one before, however late the output is read', async () => {
    shell = new ShellSession({ cwd: tmpdir(), env: { PATH: process.env.PATH, HOME: tmpdir() }, quietFilePollMs: 500 });
    const [a, kill, b] = await shell.executeBatch(['sleep 0.6; echo a', 'kill -9 $$', 'echo b'].map((command) => ({ command, timeoutMs: 10_000 })));
    expect([a.output, a.exitCode]).toEqual(['a\n', 0]);
    expect(kill.exitCode).toBeNull();
    expect(b.exitCode).toBeNull();
  });
});
