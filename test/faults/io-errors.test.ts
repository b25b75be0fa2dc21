import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { root, workspace } from '../e2e/workspace.js';
import { runNamespaces } from './fault-kit.js';

// I/O errors are the note's, not the run's: what cannot be written is found out before
// the run, or reported on the note it belongs to while the other results stand.

const fence = '```';
const simple = (name: string) => `# ${name}\n\n${fence}bash\necho ${name}\n# ${name}\n${fence}\n`;

describe('output paths are checked before anything runs', () => {
  it('makes the folder of --output-file when it is missing', () => {
    const ws = workspace();
    ws.writeNote(simple('a'), 'a.md');
    const result = ws.run(['--reporter', 'json', '--output-file', 'reports/ci/report.json', 'a.md']);
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(join(ws.dir, 'reports', 'ci', 'report.json'), 'utf8')).notes[0].status).toBe('fresh');
  });

  it('refuses --output-file under a file, and --snapshots under a file, before creating a namespace', () => {
    const ws = workspace();
    ws.writeNote(simple('a'), 'a.md');
    writeFileSync(join(ws.dir, 'plain'), 'a file');
    for (const args of [['--output-file', 'plain/report.json'], ['--snapshots', 'plain/snapshots']]) {
      const result = ws.run([...args, '--keep', 'a.md']);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`${args[0]} ${args[1]}: cannot write there (a file is in the way of this folder)`);
      expect(result.stderr).not.toContain('internal error');
      expect(runNamespaces(ws)).toEqual([]);
    }
  });

  it('refuses a --cwd that is not a folder before creating a namespace', () => {
    const ws = workspace();
    const result = ws.run(['--cwd', '/nonexistent', '--keep', 'ch3.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('ch3.md: working directory /nonexistent is not a folder');
    expect(runNamespaces(ws)).toEqual([]);
  });
});

describe('a write that fails is reported on its note', () => {
  it('a snapshot that cannot be written fails that note only; the other notes and the report stand', () => {
    const ws = workspace();
    ws.writeNote(simple('a'), 'a.md');
    ws.writeNote(simple('b'), 'b.md');
    // Something that is not a file where a's snapshot goes: its rename fails.
    mkdirSync(join(ws.dir, 'snapshots', 'a.md.yaml', 'x'), { recursive: true });
    const { exitCode, report } = ws.json(['a.md', 'b.md']);
    expect(report.notes.map((note) => note.status)).toEqual(['broken', 'fresh']);
    expect(JSON.stringify(report.notes[0])).toContain('could not write the snapshot');
    expect(exitCode).toBe(1);
    expect(readFileSync(join(ws.dir, 'snapshots', 'b.md.yaml'), 'utf8')).toContain('echo b');
  });
});

describe('a report file that cannot be written after the run', () => {
  it('goes to standard output instead, with the reason, exit 2: the results are not lost', () => {
    const ws = workspace();
    ws.writeNote(simple('a'), 'a.md');
    // /dev/full: every write fails with ENOSPC, as on a disk that filled during the run.
    const result = ws.run(['--reporter', 'json', '--output-file', '/dev/full', 'a.md']);
    expect(result.stderr).toContain('could not write /dev/full (ENOSPC); the report follows on standard output');
    expect(JSON.parse(result.stdout).notes[0].status).toBe('fresh');
    expect(result.status).toBe(2);
  });
});

describe('a disk that fills while a report file is written (injected: `ulimit -f`, writes past 2 KiB fail with EFBIG)', () => {
  // The same limit as a nearly full disk: the write starts, then fails partway.
  const limited = (ws: ReturnType<typeof workspace>, args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync('bash', ['-c', `ulimit -f 2; exec '${process.execPath}' '${join(root, 'dist', 'cli.js')}' "$@"`, 'notes-run', ...args], {
      cwd: ws.dir,
      env: { ...ws.env, ...env },
      encoding: 'utf8',
    });

  it('leaves the previous report file whole, not half a JSON file, and the report goes to standard output', () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'report.json'), '{"previous": true}\n');
    const result = limited(ws, ['--offline', '--reporter', 'json', '--output-file', 'report.json', 'ch3.md']);
    expect(result.stderr).toContain('could not write report.json (EFBIG); the report follows on standard output');
    expect(result.stdout.length).toBeGreaterThan(2048);
    expect(JSON.parse(result.stdout).mode).toBe('offline');
    expect(readFileSync(join(ws.dir, 'report.json'), 'utf8')).toBe('{"previous": true}\n');
    expect(readdirSync(ws.dir).filter((name) => name.includes('.notes-run-'))).toEqual([]);
    expect(result.status).toBe(2);
  });

  it('a GitHub step summary that cannot be added is a warning after the whole report, not an internal error', () => {
    const ws = workspace();
    const summary = join(ws.dir, 'summary.md');
    writeFileSync(summary, 'x'.repeat(3000));
    const result = limited(ws, ['--offline', '--reporter', 'github', 'ch3.md'], { GITHUB_STEP_SUMMARY: summary });
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toContain(`notes-run: warning: could not add the summary to ${summary} (EFBIG)`);
    // Unverified notes (no snapshot yet) pass without --strict: the run's own exit status stands.
    expect(result.status).toBe(0);
    expect(readFileSync(summary, 'utf8')).toBe('x'.repeat(3000));
  });
});

describe('snapshots are validated when read', () => {
  it('a snapshot step with the wrong types is a clear input error, not an internal one', () => {
    const ws = workspace();
    ws.writeNote(simple('a'), 'a.md');
    mkdirSync(join(ws.dir, 'snapshots'));
    writeFileSync(join(ws.dir, 'snapshots', 'a.md.yaml'), stringify({ note: 'a.md', steps: [{ line: 4, command: 'echo a', exitCode: 0, output: 5 }] }));
    const result = ws.run(['--offline', 'a.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('a.md.yaml: not a notes-run snapshot (steps[0].output must be text)');
    expect(result.stderr).not.toContain('internal error');
  });
});
