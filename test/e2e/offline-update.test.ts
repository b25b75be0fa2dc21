import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editLine, root, workspace } from './workspace.js';

describe('snapshots', () => {
  it('a live run records each step, the context and the kubectl versions', () => {
    const ws = workspace();
    expect(ws.run(['ch3.md']).status).toBe(0);
    const snapshot = parse(readFileSync(join(ws.dir, 'snapshots', 'ch3.md.yaml'), 'utf8'));
    expect(snapshot).toMatchObject({ note: 'ch3.md', context: 'default', kubectl: { client: 'v1.32.3', server: 'v1.31.5+k3s1' } });
    expect(snapshot.steps).toHaveLength(11);
    expect(snapshot.steps[0]).toMatchObject({ line: 18, command: 'kubectl apply -f sleep/sleep1.yaml -f sleep/sleep2.yaml', exitCode: 0 });
    expect(snapshot.steps[10].output).toContain('100% packet loss');
  });
});

describe('--offline', () => {
  it('passes the committed note on a fresh clone, with no kubectl at all', () => {
    const result = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--offline', 'notes/ch3.md'], {
      cwd: root,
      env: { PATH: '/nonexistent', KUBECONFIG: '/nonexistent', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    // Nothing but the line saying what it checks against: no warning, no error.
    expect(result.stderr).toMatch(/^notes-run: offline · snapshot recorded \d+ (s|min|h|days?) ago on kube context default · server v1\.31\.5\+k3s1 · kubectl v1\.32\.3\n$/);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('FRESH notes/ch3.md');
  });

  it('fails at the edited line when a documented output no longer matches the snapshot', () => {
    const ws = workspace();
    ws.run(['ch3.md']);
    ws.writeNote(editLine(ws.note(), 43, '2 packets received', '3 packets received'));
    const { exitCode, report } = ws.json(['--offline', 'ch3.md']);
    expect(exitCode).toBe(1);
    expect(report.notes[0].steps.filter((step) => step.status !== 'pass').map((step) => [step.line, step.status])).toEqual([[36, 'stale']]);
  });

  it('reports a new command as unverified, not as passed', () => {
    const ws = workspace();
    ws.run(['ch3.md']);
    ws.writeNote(ws.note().replace('kubectl get svc sleep-2\n', 'kubectl get svc sleep-2 -o wide\n'));
    const { report } = ws.json(['--offline', 'ch3.md']);
    expect(report.notes[0].steps.find((step) => step.line === 84)).toMatchObject({ status: 'unverified' });
  });

  it('checks many files at once, as a pre-commit hook passes them', () => {
    const ws = workspace();
    ws.run(['ch3.md']);
    ws.writeNote('# plain\n\ntext only\n', 'plain.md');
    const { exitCode, report } = ws.json(['--offline', 'ch3.md', 'plain.md']);
    expect(exitCode).toBe(0);
    expect(report.notes.map((note) => note.status)).toEqual(['fresh', 'fresh']);
  });
});

describe('--update', () => {
  it('puts an edited note back to its original bytes, changing only the drifted lines', () => {
    const ws = workspace();
    const original = ws.note();
    let edited = editLine(original, 19, 'created', 'configured');
    edited = editLine(edited, 87, 'ClusterIP', 'NodePort ');
    edited = editLine(edited, 43, '2 packets received', '1 packets received');
    ws.writeNote(edited);
    const result = ws.run(['--update', '--converge', '0.5', 'ch3.md']);
    expect(result.status).toBe(0);
    expect(ws.note()).toBe(original);
    expect(ws.run(['ch3.md']).status).toBe(0);
  });

  it('keeps the note untouched without --update, and leaves no temporary file behind', () => {
    const ws = workspace();
    const edited = editLine(ws.note(), 19, 'created', 'configured');
    ws.writeNote(edited);
    ws.run(['ch3.md']);
    expect(ws.note()).toBe(edited);
    ws.run(['--update', 'ch3.md']);
    expect(readdirSync(ws.dir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('never leaves a half-written note when killed at any moment of an update', async () => {
    const ws = workspace();
    const original = ws.note();
    const edited = editLine(original, 19, 'created', 'configured');
    ws.writeNote(edited);
    const started = performance.now();
    ws.run(['--update', 'ch3.md']);
    const fullRun = performance.now() - started;
    for (let attempt = 0; attempt < 8; attempt++) {
      ws.writeNote(edited);
      const child = ws.start(['--update', 'ch3.md']);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, fullRun * (0.6 + 0.06 * attempt)));
      child.kill('SIGKILL');
      await exited;
      expect([edited, original]).toContain(ws.note());
    }
    // Nine runs of the note: a budget for a loaded machine, not an assertion on time.
  }, 300_000);

  it('rewrites the output of a line typed into a session, in the block it sits in', () => {
    const ws = workspace();
    const note = (port: string) =>
      [
        '# s',
        '- 배포',
        '  ```bash',
        '  kubectl apply -f sleep/sleep1.yaml',
        '  kubectl wait --for=condition=Ready pod -l app=sleep-1',
        '  kubectl exec -it deploy/sleep-1 -- sh',
        '  ```',
        '- Pod 안에서',
        '    ```bash',
        '    printenv KUBERNETES_SERVICE_PORT',
        `    # ${port}`,
        '    exit',
        '    ```',
        '',
      ].join('\n');
    ws.writeNote(note('444'), 's.md');
    expect(ws.json(['s.md']).report.notes[0].status).toBe('stale');
    expect(ws.run(['--update', 's.md']).status).toBe(0);
    expect(ws.note('s.md')).toBe(note('443'));
  });

  it('keeps CRLF line endings and the list indentation of the block', () => {
    const ws = workspace();
    const crlf = ws.note().replace(/\n/g, '\r\n');
    ws.writeNote(editLine(crlf, 20, 'sleep-2 created', 'sleep-2 unchanged'));
    ws.run(['--update', 'ch3.md']);
    expect(ws.note()).toBe(crlf);
  });
});

describe('the committed snapshot', () => {
  it('exists for notes/ch3.md so a fresh clone can check offline', () => {
    expect(existsSync(join(root, 'snapshots', 'notes', 'ch3.md.yaml'))).toBe(true);
  });
});
