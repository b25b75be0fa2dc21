import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, workspace, type Workspace } from '../e2e/workspace.js';
import { collect, doubleKubectl, exited, hangingNote, running, until } from './fault-kit.js';

// The kubectl shim (`--kubectl` naming a binary not called kubectl) is a folder in /tmp
// like the kubeconfig copies: no way out of a run leaves it, and what a killed run left
// goes at the next run. Each test gives the run its own TMPDIR, so it sees only its own.

const cli = join(root, 'dist', 'cli.js');
const fence = '```';

/** A kubectl under another name (`kubectl-1.34`), so the run needs a shim; and a private TMPDIR. */
function shimmed(ws: Workspace): { env: NodeJS.ProcessEnv; tmp: string; binary: string } {
  const tmp = join(ws.dir, '.tmp');
  mkdirSync(tmp);
  const binary = join(ws.dir, 'kubectl-1.34');
  writeFileSync(binary, `#!/usr/bin/env bash\nexec ${doubleKubectl} "$@"\n`);
  chmodSync(binary, 0o755);
  return { env: { ...ws.env, TMPDIR: tmp }, tmp, binary };
}

function pidsOf(command: RegExp): number[] {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return command.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

const runFolders = (tmp: string) => readdirSync(tmp).filter((name) => /^notes-run-(bin|kube|shell|work|prepull)-/.test(name));

describe('the kubectl shim folder never outlives the run', () => {
  it('is made for the run and removed when it ends normally', () => {
    const ws = workspace();
    const { env, tmp, binary } = shimmed(ws);
    ws.writeNote(`# n\n\n${fence}bash\nls -d "$(dirname "$(command -v kubectl)")"\nkubectl get namespaces -o name | grep -c notes-run-\n# 1\n${fence}\n`, 'n.md');
    const result = ws.run(['--reporter', 'json', '--kubectl', binary, 'n.md'], env);
    expect(result.status).toBe(0);
    // The note's own kubectl was the shim, in this run's TMPDIR.
    expect(result.stdout).toMatch(/notes-run-bin-\d+-/);
    expect(runFolders(tmp)).toEqual([]);
  });

  it('is removed when the run fails', () => {
    const ws = workspace();
    const { env, tmp, binary } = shimmed(ws);
    ws.writeNote(`# n\n\n${fence}bash\necho b\n# a\n${fence}\n`, 'n.md');
    expect(ws.run(['--kubectl', binary, 'n.md'], env).status).toBe(1);
    expect(runFolders(tmp)).toEqual([]);
  });

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`is removed when the run is stopped by ${signal}`, async () => {
      const ws = workspace();
      const { env, tmp, binary } = shimmed(ws);
      const seconds = { SIGINT: 350, SIGTERM: 352, SIGHUP: 354 }[signal];
      ws.writeNote(hangingNote(seconds), 'hang.md');
      const child = spawn(process.execPath, [cli, '--kubectl', binary, 'hang.md'], { cwd: ws.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      collect(child);
      await until(() => running(new RegExp(`^sleep\u0000${seconds + 1}\u0000`)));
      expect(runFolders(tmp).some((name) => name.startsWith(`notes-run-bin-${child.pid}-`))).toBe(true);
      child.kill(signal);
      expect(await exited(child)).toBe({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal]);
      expect(runFolders(tmp)).toEqual([]);
    });
  }

  it('is removed when the reader goes away (`| head -1`, EPIPE)', async () => {
    const ws = workspace();
    const { env, tmp, binary } = shimmed(ws);
    ws.writeNote(`# a\n\n${fence}bash\necho a\n# a\n${fence}\n`, 'a.md');
    // b.md writes after the reader is gone: that write meets EPIPE.
    ws.writeNote(`# b\n\n${fence}bash\nsleep 2\necho b\n# b\n${fence}\n`, 'b.md');
    ws.writeNote(hangingNote(356), 'hang.md');
    const child = spawn('bash', ['-c', `'${process.execPath}' '${cli}' --kubectl '${binary}' --jobs 3 a.md b.md hang.md | head -1`], { cwd: ws.dir, env });
    collect(child);
    expect(await exited(child)).toBe(0);
    await until(() => !running(/^sleep\u0000(356|357)\u0000/), 10_000);
    await until(() => runFolders(tmp).length === 0, 10_000);
  });

  it('a run killed with SIGKILL leaves its folders (shim, kubeconfig, shell, working copy); the next run removes them', async () => {
    const ws = workspace();
    const { env, tmp, binary } = shimmed(ws);
    // A manifest the note defines itself, so the run works in a copy of the folder.
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "1"\n';
    ws.writeNote(`# k\n\n${fence}yaml file=cm.yaml\n${manifest}${fence}\n\n${fence}bash\nkubectl apply -f cm.yaml\nsleep 358 & sleep 359\n${fence}\n`, 'k.md');
    const child = spawn(process.execPath, [cli, '--kubectl', binary, 'k.md'], { cwd: ws.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    collect(child);
    await until(() => running(/^sleep\u0000359\u0000/));
    const left = runFolders(tmp);
    expect(left.map((name) => name.replace(/-\d+-.*/, '')).sort()).toEqual(['notes-run-bin', 'notes-run-kube', 'notes-run-shell', 'notes-run-work']);
    child.kill('SIGKILL');
    await exited(child);
    // SIGKILL cannot be caught: the note's shell outlives notes-run; the test ends the sleeps it started, by PID.
    for (const pid of pidsOf(/^sleep\u0000(358|359)\u0000/)) process.kill(pid, 'SIGKILL');
    await until(() => !running(/^sleep\u0000(358|359)\u0000/), 10_000);
    expect(runFolders(tmp)).toEqual(left);
    ws.writeNote(`# n\n\n${fence}bash\necho a\n# a\n${fence}\n`, 'n.md');
    expect(ws.run(['--kubectl', binary, 'n.md'], env).status).toBe(0);
    expect(runFolders(tmp)).toEqual([]);
  });

  it('what a killed run left (its PID gone) is removed by the next run; a live run’s stays', () => {
    const ws = workspace();
    const { env, tmp, binary } = shimmed(ws);
    // PID 2^22 + 1 is above Linux's pid_max: no process has it.
    for (const name of ['notes-run-bin-4194305-abc123', 'notes-run-kube-4194305-def456', `notes-run-bin-${process.pid}-live00`]) {
      mkdirSync(join(tmp, name));
      writeFileSync(join(tmp, name, 'config'), 'left');
    }
    ws.writeNote(`# n\n\n${fence}bash\necho a\n# a\n${fence}\n`, 'n.md');
    expect(ws.run(['--kubectl', binary, 'n.md'], env).status).toBe(0);
    expect(runFolders(tmp)).toEqual([`notes-run-bin-${process.pid}-live00`]);
  });
});
