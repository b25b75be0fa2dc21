import { spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, workspace } from './workspace.js';

// The package as npm sees it: installing runs nothing, the published files carry the
// build, and a clone (which has no dist/) still runs `npx notes-run` after `npm ci`.

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  license: string;
};

describe('the package', () => {
  it('runs no script when installed, and builds dist/ when packed', () => {
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[script]).toBeUndefined();
    expect(pkg.scripts.prepack).toMatch(/build|tsc/);
  });

  it('publishes the built CLI and its launcher, not the sources or the tests', () => {
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    const files = (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0].files.map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['bin/notes-run.js', 'dist/cli.js', 'dist/cli/main.js', 'LICENSE', 'README.md', 'package.json']));
    expect(files.filter((file) => /^(src|test)\//.test(file))).toEqual([]);
    expect(pkg.bin['notes-run']).toBe('bin/notes-run.js');
    accessSync(join(root, 'bin', 'notes-run.js'), constants.X_OK);
  });

  it('has the MIT licence package.json names', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it("builds dist/ on a clone's first run, then runs from it", () => {
    const clone = mkdtempSync(join(tmpdir(), 'notes-run-clone-'));
    for (const part of ['package.json', 'tsconfig.json', 'src', 'bin', 'notes', 'snapshots']) cpSync(join(root, part), join(clone, part), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
    const run = () => spawnSync(process.execPath, ['bin/notes-run.js', '--offline', 'notes/ch3.md'], { cwd: clone, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8', timeout: 300_000 });
    const first = run();
    expect(first.stderr).toContain('notes-run: building dist/ from src/');
    expect(first.stdout).toContain('FRESH notes/ch3.md');
    expect(first.status).toBe(0);
    expect(existsSync(join(clone, 'dist', 'cli.js'))).toBe(true);
    const second = run();
    expect(second.stderr).not.toContain('building');
    expect(second.status).toBe(0);
  }, 600_000);
});

describe('the documentation', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const contract = readFileSync(join(root, 'docs', 'json.md'), 'utf8');

  it('documents the JSON contract in the repository, and the README points there', () => {
    expect(readme).not.toMatch(/SPEC/);
    expect(readme).toContain('docs/json.md');
  });

  it('names every field a JSON report carries', () => {
    const ws = workspace();
    ws.writeNote('# n\n\n```bash\necho a\n# b\n```\n', 'n.md');
    const { report } = ws.json(['n.md']);
    const note = report.notes[0] as unknown as Record<string, unknown>;
    const step = report.notes[0].steps[0] as unknown as Record<string, unknown>;
    const keys = [...Object.keys(report), ...Object.keys(note), ...Object.keys(step), ...Object.keys(report.summary)];
    for (const key of new Set(keys)) expect(contract, key).toContain(`| \`${key}\` |`);
  });

  it('shows the default report as it is printed now', () => {
    expect(readme).toMatch(/^STALE notes\/ch3\.md 12 steps: 11 pass, 1 stale in /m);
    expect(readme).toContain('To look at (1):');
  });
});
