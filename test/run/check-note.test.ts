import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNote } from '../../src/check/check-note.js';
import type { NoteResult } from '../../src/model.js';
import { parseNote } from '../../src/note/parse-note.js';
import { descendantsOf } from '../../src/run/process-tree.js';
import { ownTimeoutMs } from '../../src/note/command/own-timeout.js';
import { checkSettings, fence } from './check-settings.js';

// Notes that need no cluster: they pin down the runner's notebook semantics and the
// verdicts built on them.


async function check(markdown: string, overrides: Partial<Parameters<typeof checkNote>[1]> = {}): Promise<NoteResult> {
  const dir = mkdtempSync(join(tmpdir(), 'notes-run-test-'));
  return checkNote(parseNote(join(dir, 'note.md'), markdown), checkSettings(dir, overrides));
}

const statuses = (result: NoteResult) => result.verdicts.map((verdict) => verdict.status);

describe('a note runs like a notebook', () => {
  it('shares variables, functions and the working directory across blocks', async () => {
    const result = await check(`${fence('X=42\ngreet() { echo "hi $1"; }\nmkdir -p sub && cd sub')}\ntext\n${fence('echo $X\n# 42\ngreet 노트\n# hi 노트\nbasename "$PWD"\n# sub')}`);
    expect(statuses(result)).toEqual(['unchecked', 'unchecked', 'unchecked', 'pass', 'pass', 'pass']);
    expect(result.status).toBe('fresh');
  });

  it('merges stdout and stderr in the order a terminal shows them', async () => {
    const result = await check(fence('echo one; echo two >&2; echo three\n# one\n# two\n# three'));
    expect(result.verdicts[0].run?.output).toBe('one\ntwo\nthree\n');
    expect(result.verdicts[0].status).toBe('pass');
  });

  it('runs commands in the working directory given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-cwd-'));
    writeFileSync(join(dir, 'data.txt'), 'from cwd\n');
    const result = await check(fence('cat data.txt\n# from cwd'), { cwd: dir });
    expect(result.status).toBe('fresh');
  });

  it('keeps Korean output intact', async () => {
    const result = await check(fence("echo '서비스 이름이 도메인 네임'\n# 서비스 이름이 도메인 네임"));
    expect(result.verdicts[0].status).toBe('pass');
  });

  it('survives a stray exit', async () => {
    const result = await check(fence('exit 3\necho still here\n# still here'));
    expect(statuses(result)).toEqual(['broken', 'pass']);
  });

  it('gives steps no stdin', async () => {
    const result = await check(fence('cat\necho done\n# done'));
    expect(statuses(result)).toEqual(['unchecked', 'pass']);
  });
});

describe('verdicts', () => {
  it('is stale when the output drifted, broken when the command fails', async () => {
    const result = await check(fence('echo created\n# configured\nfalse\necho after\n# after'));
    expect(statuses(result)).toEqual(['stale', 'broken', 'pass']);
    expect(result.status).toBe('broken');
    expect(result.verdicts[1].reason).toMatch(/exited with status 1/);
  });

  it('passes an expected failure that fails that way, and is stale when it now succeeds', async () => {
    const result = await check(
      fence("sh -c 'echo nope; echo command terminated with exit code 1; exit 1'\n:'\nnope\ncommand terminated with exit code 1\n'\necho fine\n# error: it used to fail"),
    );
    expect(statuses(result)).toEqual(['pass', 'stale']);
  });

  it('is stale when an expected failure fails with another exit code', async () => {
    const result = await check(fence("sh -c 'echo command terminated with exit code 1; exit 2'\n# command terminated with exit code 1"));
    expect(statuses(result)).toEqual(['stale']);
  });

  it('reports a step that cannot be read as broken and still runs the rest', async () => {
    const result = await check(`${fence("echo x\n:'\nx")}\n${fence('echo y\n# y')}`);
    expect(statuses(result)).toEqual(['broken', 'pass']);
  });

  it('skips steps by directive, and says so', async () => {
    const result = await check(fence('# notes-run: skip needs docker\ndocker ps\necho ok\n# ok'));
    expect(result.verdicts[0]).toMatchObject({ status: 'skipped', reason: 'needs docker' });
    expect(result.status).toBe('fresh');
  });
});

describe("zsh's `%` mark", () => {
  it('matches output without a final newline, and a real trailing `%` too', async () => {
    const result = await check(fence("printf '10.42.0.7'\n# 10.42.0.60%\nprintf 'x 0%%\\n'\n# x 0%"));
    expect(statuses(result)).toEqual(['pass', 'pass']);
  });
});

describe('time limits and long-running commands', () => {
  it('times a hung step out, kills it, and keeps the shell state for the next step', async () => {
    // A command that does not say how long it takes (`sleep 30` would get its 30 s).
    const result = await check(fence("X=kept\nnode -e 'setTimeout(() => {}, 30000)'\necho $X\n# kept"), { stepTimeoutMs: 400 });
    expect(statuses(result)).toEqual(['unchecked', 'broken', 'pass']);
    expect(result.verdicts[1].reason).toMatch(/timed out/);
  });

  it("gives a command that sets its own time limit that long, and a little more", async () => {
    const result = await check(fence("sleep 1; : --timeout=2s\nnode -e 'setTimeout(() => {}, 1000)'"), { stepTimeoutMs: 300 });
    expect(statuses(result)).toEqual(['unchecked', 'broken']);
    expect(ownTimeoutMs('kubectl wait --for=condition=Ready pod -l app=x --timeout=1m30s')).toBe(90_000);
    expect(ownTimeoutMs('kubectl rollout status deploy/x --timeout 300ms')).toBe(300);
    expect(ownTimeoutMs('kubectl wait --for=delete pod/x')).toBeUndefined();
  });

  it('gives a command that says how long it takes that long, past --timeout (issue 20 item 6)', async () => {
    const result = await check(fence('sleep 0.6\necho done\n# done'), { stepTimeoutMs: 300 });
    expect(statuses(result)).toEqual(['unchecked', 'pass']);
    expect(ownTimeoutMs('sleep 120')).toBe(120_000);
    expect(ownTimeoutMs('sleep 1m 30')).toBe(90_000);
    expect(ownTimeoutMs('timeout 2m kubectl logs -f x')).toBe(120_000);
    expect(ownTimeoutMs('timeout -s INT 5 ping x')).toBe(5_000);
    expect(ownTimeoutMs('kubectl rollout status deploy/x --timeout=90s && sleep 10')).toBe(100_000);
    expect(ownTimeoutMs('sleep infinity')).toBeUndefined();
    expect(ownTimeoutMs('echo sleep 30')).toBeUndefined();
  });

  it('stops a long-running command once its output matches, and passes it', async () => {
    // A grace period longer than the test may take: only stopping early lets it finish.
    const result = await check(fence('tail -f /dev/null & echo "Forwarding from 127.0.0.1:8080 -> 80"; wait\n# Forwarding from 127.0.0.1:8080 -> 80\n# ^C'), { graceMs: 600_000 });
    expect(result.verdicts[0].status).toBe('pass');
    expect(result.verdicts[0].run?.stopped).toBe(true);
  });

  it("gives a job started with `&` time to print what the note shows under it", async () => {
    // A grace period longer than the test may take: only taking the output once it is there lets it finish.
    const result = await check(fence("(sleep 0.3; echo 'Forwarding from 127.0.0.1:8080 -> 80'; sleep 30) &\n# [1] 48213\n# Forwarding from 127.0.0.1:8080 -> 80\necho next\n# next"), { graceMs: 600_000 });
    expect(statuses(result)).toEqual(['pass', 'pass']);
  });

  it('leaves no process behind after the note', async () => {
    const marker = `notes-run-orphan-${process.pid}`;
    await check(fence(`(exec -a ${marker} sleep 60) &\necho started\n# started`));
    const alive = readFileSync('/proc/self/stat', 'utf8') && findProcess(marker);
    expect(alive).toBe(false);
  });

  it('re-runs a read-only step until it matches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-converge-'));
    const result = await check(
      fence(`kubectl() { cat ${dir}/state 2>/dev/null || echo pending; }\n(sleep 0.6; echo ready > ${dir}/state) &\nkubectl get state\n# ready`),
      { convergeMs: 5000 },
    );
    expect(result.verdicts[2].status).toBe('pass');
    expect(result.verdicts[2].run?.attempts).toBeGreaterThan(1);
  });

  it('says whether a read that never matched was still changing (issue 20 item 15)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-converge-'));
    // The same answer every time, but for its age: settled, more time would not help.
    const same = await check(fence(`kubectl() { echo "web   ClusterIP   $((RANDOM % 50 + 1))s"; }\nkubectl get svc\n# web   NodePort   3s`), { convergeMs: 1200 });
    expect(same.verdicts[1]).toMatchObject({ status: 'stale', run: { settled: true } });
    expect(same.verdicts[1].run!.attempts).toBeGreaterThan(1);
    // A count that goes on changing: still converging.
    const moving = await check(fence(`kubectl() { echo x >> ${dir}/log; wc -l < ${dir}/log; }\nkubectl get n\n# 100`), { convergeMs: 1200 });
    expect(moving.verdicts[1]).toMatchObject({ status: 'stale', run: { settled: false } });
  });

  it('runs a cluster read with nothing documented under it once', async () => {
    const result = await check(fence('kubectl() { echo pods; }\nkubectl get pods'), { convergeMs: 5000 });
    expect(result.verdicts[1]).toMatchObject({ status: 'unchecked', run: { attempts: 1 } });
  });

  it('never re-runs a step that does not only read the cluster', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-converge-'));
    const result = await check(fence(`echo x >> ${dir}/log; cat ${dir}/log | wc -l\n# 2`), { convergeMs: 2000 });
    expect(result.verdicts[0]).toMatchObject({ status: 'stale', run: { attempts: 1 } });
  });
});

function findProcess(marker: string): boolean {
  return descendantsOf(1).some((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
    } catch {
      return false;
    }
  });
}
