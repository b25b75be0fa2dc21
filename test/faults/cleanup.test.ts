import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { root, workspace } from '../e2e/workspace.js';
import { collect, exited, hangingNote, kubeconfigCopies, kubectlInFront, runNamespaces, running, until } from './fault-kit.js';

// Cleanup on every exit path: whatever ends the run, what it made goes with it, and
// what cannot go is named.

const cli = join(root, 'dist', 'cli.js');
const fence = '```';

describe('cleanup on every way out', () => {
  it('`notes-run ... | head -1` stops quietly, with no stack trace, and leaves nothing behind', async () => {
    const ws = workspace();
    ws.writeNote(`# a\n\n${fence}bash\necho a\n# a\n${fence}\n`, 'a.md');
    ws.writeNote(`# b\n\n${fence}bash\nsleep 2\necho b\n# b\n${fence}\n`, 'b.md');
    ws.writeNote(hangingNote(310), 'hang.md');
    const child = spawn('bash', ['-c', `'${process.execPath}' '${cli}' --jobs 3 a.md b.md hang.md | head -1`], { cwd: ws.dir, env: ws.env });
    const out = collect(child);
    expect(await exited(child)).toBe(0);
    expect(out.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(out.stderr).not.toMatch(/EPIPE|internal error|at .*\.js:\d+/);
    await until(() => !running(/^sleep\u0000(310|311)\u0000/), 10_000);
    expect(runNamespaces(ws)).toEqual([]);
  });

  it('a closed terminal (SIGHUP) stops the run like Ctrl-C: exit 129, namespace deleted, shells and kubeconfig copies gone', async () => {
    const ws = workspace();
    ws.writeNote(hangingNote(320), 'hang.md');
    const child = ws.start(['hang.md']);
    const out = collect(child);
    await until(() => running(/^sleep\u0000321\u0000/));
    child.kill('SIGHUP');
    expect(await exited(child)).toBe(129);
    expect(out.stdout).toContain('hang.md:5');
    expect(running(/^sleep\u0000(320|321)\u0000/)).toBe(false);
    expect(runNamespaces(ws)).toEqual([]);
    expect(kubeconfigCopies(child.pid!)).toEqual([]);
  });

  it('a second Ctrl-C during cleanup leaves at once and names what it leaves behind', async () => {
    const ws = workspace();
    ws.writeNote(hangingNote(330), 'hang.md');
    // Deleting the namespace hangs, as on a cluster that does not answer.
    const path = kubectlInFront(ws, 'if [ "$1 $2" = "delete namespace" ]; then sleep 30; fi');
    const child = spawn(process.execPath, [cli, 'hang.md'], { cwd: ws.dir, env: { ...ws.env, PATH: path } });
    const out = collect(child);
    await until(() => running(/^sleep\u0000331\u0000/));
    const [namespace] = runNamespaces(ws);
    child.kill('SIGINT');
    await until(() => running(/^sleep\u000030\u0000/));
    child.kill('SIGINT');
    expect(await exited(child)).toBe(130);
    expect(out.stderr).toContain('interrupted again');
    expect(out.stderr).toContain(`namespace ${namespace.replace('namespace/', '')}`);
    expect(out.stderr).toContain('notes-run clean');
    expect(running(/^sleep\u0000(330|331)\u0000/)).toBe(false);
    expect(kubeconfigCopies(child.pid!)).toEqual([]);
  });

  it('Ctrl-C in the terminal right after the run namespace is created still deletes it', async () => {
    const ws = workspace();
    ws.writeNote(hangingNote(340), 'hang.md');
    // kubectl answers slowly once the namespace exists; the terminal's Ctrl-C reaches the whole foreground group.
    const path = kubectlInFront(ws, `if [ "$1 $2" = "create namespace" ]; then ${join(root, 'test', 'double', 'kubectl')} "$@"; s=$?; sleep 3; exit $s; fi`);
    const child = spawn(process.execPath, [cli, 'hang.md'], { cwd: ws.dir, env: { ...ws.env, PATH: path }, detached: true });
    const out = collect(child);
    await until(() => runNamespaces(ws).length === 1);
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited(child)).toBe(130);
    expect(out.stderr).not.toContain('running in the context');
    expect(runNamespaces(ws)).toEqual([]);
    expect(ws.kubectl(['get', 'deployments', '-A']).stdout).not.toContain('sleep-1');
  });

  it('warns, naming the namespace, when `kubectl delete namespace` fails', () => {
    const ws = workspace();
    ws.writeNote(`# n\n\n${fence}bash\necho a\n# a\n${fence}\n`, 'n.md');
    const path = kubectlInFront(ws, `if [ "$1 $2" = "delete namespace" ]; then echo 'error: context deadline exceeded' >&2; exit 1; fi`);
    const result = ws.run(['n.md'], { PATH: path });
    const [namespace] = runNamespaces(ws);
    expect(namespace).toBeDefined();
    expect(result.stderr).toContain(`could not delete the run namespace ${namespace.replace('namespace/', '')} (error: context deadline exceeded)`);
  });
});

describe('run namespaces are labelled, and `notes-run clean` removes what crashed runs left', () => {
  it('labels a run namespace as notes-run’s, with the run id, pid and host', () => {
    const ws = workspace();
    ws.writeNote(`# n\n\n${fence}bash\necho a\n# a\n${fence}\n`, 'n.md');
    ws.run(['--keep', 'n.md']);
    const [namespace] = runNamespaces(ws);
    const labels = parse(ws.kubectl(['get', namespace, '-o', 'yaml']).stdout).metadata.labels;
    expect(labels['app.kubernetes.io/managed-by']).toBe('notes-run');
    expect(labels['notes-run/run-id']).toMatch(/^[0-9a-f]{8}$/);
    expect(labels['notes-run/pid']).toMatch(/^\d+$/);
  });

  it('deletes labelled namespaces of dead runs only: not a live run’s, not an unlabelled one', () => {
    const ws = workspace();
    const host = createHash('sha256').update(hostname()).digest('hex').slice(0, 12);
    const make = (name: string, labels: string[]) => {
      ws.kubectl(['create', 'namespace', name]);
      if (labels.length > 0) ws.kubectl(['label', 'namespace', name, ...labels]);
    };
    make('notes-run-dead-111111', ['app.kubernetes.io/managed-by=notes-run', 'notes-run/run-id=0badc0de', 'notes-run/pid=4194305', `notes-run/host=${host}`]);
    make('notes-run-live-222222', ['app.kubernetes.io/managed-by=notes-run', 'notes-run/run-id=0badc0de', `notes-run/pid=${process.pid}`, `notes-run/host=${host}`]);
    make('notes-run-mine-333333', []);
    const result = ws.run(['clean']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('deleted namespace notes-run-dead-111111');
    expect(result.stdout).toContain('kept namespace notes-run-live-222222');
    expect(runNamespaces(ws).sort()).toEqual(['namespace/notes-run-live-222222', 'namespace/notes-run-mine-333333']);
  });

  it('leaves other machines’ run namespaces, naming host, pid, age and how to delete them; --all deletes them too', () => {
    const ws = workspace();
    const host = createHash('sha256').update(hostname()).digest('hex').slice(0, 12);
    const make = (name: string, labels: string[]) => {
      ws.kubectl(['create', 'namespace', name]);
      ws.kubectl(['label', 'namespace', name, 'app.kubernetes.io/managed-by=notes-run', 'notes-run/run-id=0badc0de', ...labels]);
    };
    make('notes-run-dead-111111', ['notes-run/pid=4194305', `notes-run/host=${host}`]);
    // Another machine's run, alive for all this one can tell (its PID is ours, here).
    make('notes-run-away-444444', [`notes-run/pid=${process.pid}`, 'notes-run/host=0123456789ab']);
    make('notes-run-old-555555', ['notes-run/pid=4194305']);
    make('notes-run-live-222222', [`notes-run/pid=${process.pid}`, `notes-run/host=${host}`]);
    const result = ws.run(['clean']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/deleted namespace notes-run-dead-111111 \(this machine, pid 4194305, \d+m old\)/);
    expect(result.stdout).toMatch(
      new RegExp(`left namespace notes-run-away-444444: made by a run on another machine, which may still be running \\(host 0123456789ab, pid ${process.pid}, \\d+m old\\); delete it with \`kubectl delete namespace notes-run-away-444444\``),
    );
    expect(result.stdout).toContain('left namespace notes-run-old-555555: made by a run on another machine, which may still be running (host unknown, pid 4194305');
    expect(result.stdout).toContain('2 of other machines left (`notes-run clean --all` deletes them too)');
    expect(runNamespaces(ws).sort()).toEqual(['namespace/notes-run-away-444444', 'namespace/notes-run-live-222222', 'namespace/notes-run-old-555555']);

    const all = ws.run(['clean', '--all']);
    expect(all.status).toBe(0);
    expect(all.stdout).toContain('deleted namespace notes-run-away-444444 (host 0123456789ab');
    expect(all.stdout).toContain('deleted namespace notes-run-old-555555 (host unknown');
    expect(all.stdout).toContain('kept namespace notes-run-live-222222');
    expect(runNamespaces(ws)).toEqual(['namespace/notes-run-live-222222']);
  });

  it('deletes only namespaces named as a run’s and labelled with the run that made them, even with --all', () => {
    const ws = workspace();
    const host = createHash('sha256').update(hostname()).digest('hex').slice(0, 12);
    const make = (name: string, labels: string[]) => {
      ws.kubectl(['create', 'namespace', name]);
      ws.kubectl(['label', 'namespace', name, ...labels]);
    };
    const dead = ['app.kubernetes.io/managed-by=notes-run', 'notes-run/run-id=0badc0de', 'notes-run/pid=4194305', `notes-run/host=${host}`];
    make('production', dead);
    make('notes-run-bare-666666', ['app.kubernetes.io/managed-by=notes-run']);
    make('notes-run-dead-111111', dead);
    for (const args of [['clean'], ['clean', '--all']]) {
      const result = ws.run(args);
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stdout).not.toMatch(/deleted namespace (production|notes-run-bare)/);
    }
    const left = ws.kubectl(['get', 'namespaces', '-o', 'name']).stdout;
    expect(left).toContain('namespace/production');
    expect(left).toContain('namespace/notes-run-bare-666666');
    expect(left).not.toContain('namespace/notes-run-dead-111111');
  });

  it('takes --all only with clean', () => {
    const ws = workspace();
    const result = ws.run(['--all', 'ch3.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--all goes with `notes-run clean`');
  });

  it('follows the context rules: refuses a context that does not look local', () => {
    const ws = workspace();
    const result = ws.run(['clean']);
    expect(result.status).toBe(0);
    ws.kubectl(['config', 'set-context', 'gke_prod', '--cluster=default', '--user=default']);
    ws.kubectl(['config', 'use-context', 'gke_prod']);
    const refused = ws.run(['clean']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('refusing to run notes against kube context "gke_prod"');
  });
});

describe('isolation fails closed', () => {
  it('stops (exit 2) when `create namespace` fails in a way it does not recognise, and runs nothing in default', () => {
    const ws = workspace();
    const path = kubectlInFront(ws, `if [ "$1 $2" = "create namespace" ]; then echo 'error: context deadline exceeded' >&2; exit 1; fi`);
    const result = ws.run(['ch3.md'], { PATH: path });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('could not create the run namespace');
    expect(result.stderr).toContain('context deadline exceeded');
    expect(ws.kubectl(['get', 'deployments', '-A']).stdout).not.toContain('sleep-1');
  });

  it('runs in place when the API server forbids namespaces only with --allow-unisolated', () => {
    const ws = workspace();
    const path = kubectlInFront(ws, `if [ "$1 $2" = "create namespace" ]; then echo 'Error from server (Forbidden): namespaces is forbidden: User "dev" cannot create resource "namespaces"' >&2; exit 1; fi`);
    const refused = ws.run(['ch3.md'], { PATH: path });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--allow-unisolated');
    const allowed = ws.run(['--allow-unisolated', 'ch3.md'], { PATH: path });
    expect(allowed.stderr).toContain("running in the context's own namespace");
    expect(allowed.status).toBe(0);
    // Nothing takes the note's objects away: it says what it left and how to remove it (issue 20 item 14).
    expect(allowed.stderr).toContain("the note ran in the context's own namespace (--allow-unisolated) and left there: ");
    expect(allowed.stderr).toMatch(/left there: [^\n]*deployment\.apps\/sleep-1[^\n]*service\/sleep-2/);
    expect(allowed.stderr).toMatch(/Remove them with: kubectl delete [^\n]*deployment\.apps\/sleep-1/);
    expect(allowed.stderr).not.toMatch(/left there: [^\n]*pod\/sleep-1-/);
  });

  it('isolates a context whose name ends in a space', () => {
    const ws = workspace();
    ws.kubectl(['config', 'set-context', 'k3d-lab ', '--cluster=default', '--user=default']);
    ws.kubectl(['config', 'use-context', 'k3d-lab ']);
    expect(ws.kubectl(['config', 'current-context']).stdout).toBe('k3d-lab \n');
    const result = ws.run(['ch3.md']);
    expect(result.stderr).not.toContain('warning');
    expect(result.status).toBe(0);
    expect(ws.kubectl(['get', 'deployments', '-A']).stdout).not.toContain('sleep-1');
    expect(runNamespaces(ws)).toEqual([]);
  });
});
