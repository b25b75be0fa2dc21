import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, workspace } from './workspace.js';

// What a user gets wrong on the command line is said before anything runs: no
// namespace created, no snapshot written, no note touched.

const ranNothing = (dir: string) => !existsSync(join(dir, 'snapshots')) && !existsSync(join(dir, '.cluster'));

describe('usage errors, said before running', () => {
  it('suggests the nearest option for a mistyped one', () => {
    const ws = workspace();
    const result = ws.run(['--ofline', 'ch3.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('notes-run: unknown option --ofline; did you mean --offline? (see --help)\n');
  });

  it('says what is wrong with --grace -1', () => {
    const ws = workspace();
    const result = ws.run(['--grace', '-1', 'ch3.md']);
    expect(result.stderr).toBe('notes-run: --grace takes a number of seconds, not "-1"\n');
    expect(result.status).toBe(2);
  });

  it('refuses -i without --update, and -i when stdin is not a terminal instead of waiting forever', () => {
    const ws = workspace();
    const alone = ws.run(['-i', 'ch3.md']);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--interactive asks before each rewrite of --update');
    const edited = ws.note().replace('sleep-1 created', 'sleep-1 configured');
    ws.writeNote(edited);
    const piped = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--update', '-i', 'ch3.md'], { cwd: ws.dir, env: ws.env, input: '', encoding: 'utf8', timeout: 30_000 });
    expect(piped.status).toBe(2);
    expect(piped.stderr).toContain('--interactive asks on the terminal, and stdin is not one');
    expect(ws.note()).toBe(edited);
    expect(ranNothing(ws.dir)).toBe(true);
  });

  it('says when --step names a line with no step', () => {
    const ws = workspace();
    const result = ws.run(['--step', '999', 'ch3.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('notes-run: --step 999: ch3.md has no step there (its last step is at line 92)');
    expect(existsSync(join(ws.dir, 'snapshots'))).toBe(false);
  });

  it('says when --snapshots names no folder with --offline', () => {
    const ws = workspace();
    const result = ws.run(['--offline', '--snapshots', '/nonexistent', 'ch3.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('notes-run: --snapshots /nonexistent: no such directory, so there is nothing to check offline against\n');
  });

  it('creates the folder of --output-file, and refuses one it cannot write before the run', () => {
    const ws = workspace();
    const written = ws.run(['--reporter', 'junit', '--output-file', 'reports/ci/notes.xml', 'ch3.md']);
    expect(written.status).toBe(0);
    expect(readFileSync(join(ws.dir, 'reports', 'ci', 'notes.xml'), 'utf8')).toContain('<testsuites');
    const fresh = workspace();
    const refused = fresh.run(['--output-file', 'ch3.md/report.json', 'ch3.md']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe('notes-run: --output-file ch3.md/report.json: cannot write there (a file is in the way of this folder)\n');
    expect(ranNothing(fresh.dir)).toBe(true);
  });

  it('prints the version on -v', () => {
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    expect(workspace().run(['-v']).stdout).toBe(`notes-run ${version}\n`);
  });
});

describe('which files run', () => {
  it('runs a non-Markdown file only when named, with a warning, and never from a folder', () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'notes.txt'), '# txt\n\n```bash\necho from-txt\n# from-txt\n```\n');
    const named = ws.json(['--offline', 'notes.txt']);
    expect(named.stderr).toContain('notes-run: warning: notes.txt is not a Markdown file (*.md); running it as a note because it was named');
    expect(named.report.notes.map((note) => note.file)).toEqual(['notes.txt']);
    const walked = ws.json(['--offline', '.']);
    expect(walked.report.notes.map((note) => note.file)).toEqual(['ch3.md']);
    expect(walked.stderr).not.toContain('warning');
  });
});

describe('GitHub Actions', () => {
  it('appends a Markdown summary table to $GITHUB_STEP_SUMMARY', () => {
    const ws = workspace();
    const summary = join(ws.dir, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    ws.writeNote('# n\n\n```bash\necho a\n# b\n```\n', 'n.md');
    const result = ws.run(['--reporter', 'github', 'n.md'], { GITHUB_STEP_SUMMARY: summary });
    expect(result.stdout.trim().split('\n').at(-1)).toBe('notes-run: 1 note: 0 fresh, 1 stale, 0 broken');
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toMatch(/^# earlier step\n## notes-run\n/);
    expect(markdown).toContain('| n.md | ⚠️ stale | 1 | 1 | 0 |');
    expect(markdown).toContain('- stale `n.md:4` echo a');
  });
});
