import { spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { root } from './workspace.js';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files?: string;
  stages?: string[];
}

describe('the pre-commit framework manifest', () => {
  const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

  it('declares an offline hook on Markdown files and a manual live hook', () => {
    for (const hook of hooks) for (const key of ['id', 'name', 'entry', 'language'] as const) expect(hook[key]).toBeTruthy();
    const offline = hooks.find((hook) => hook.id === 'notes-run')!;
    expect(offline.entry).toContain('--offline');
    expect(new RegExp(offline.files!).test('notes/ch3.md')).toBe(true);
    expect(new RegExp(offline.files!).test('src/cli.ts')).toBe(false);
    expect(hooks.find((hook) => hook.id === 'notes-run-live')?.stages).toEqual(['manual']);
  });

  it("runs the offline check through the hook's entry on the files it is given", () => {
    const offline = hooks.find((hook) => hook.id === 'notes-run')!;
    const [program, ...args] = offline.entry.split(' ');
    accessSync(join(root, program), constants.X_OK);
    const plain = join(mkdtempSync(join(tmpdir(), 'notes-run-hook-')), 'plain.md');
    writeFileSync(plain, '# Text only\n\nNothing to run here.\n');
    const result = spawnSync(join(root, program), [...args, 'notes/ch3.md', plain], {
      cwd: root,
      env: { ...process.env, PRE_COMMIT: '1', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('2 notes: 2 fresh');
  });

  it('prints only the problems: the stale step and what to look at, not the fresh notes or a header', () => {
    const offline = hooks.find((hook) => hook.id === 'notes-run')!;
    const [program, ...args] = offline.entry.split(' ');
    // The user's repository: a fresh note, and a copy of ch3.md with its recorded run, edited.
    const repo = mkdtempSync(join(tmpdir(), 'notes-run-hook-'));
    writeFileSync(join(repo, 'fresh.md'), '# Text only\n\nNothing to run here.\n');
    cpSync(join(root, 'notes'), join(repo, 'notes'), { recursive: true });
    cpSync(join(root, 'snapshots'), join(repo, 'snapshots'), { recursive: true });
    const note = readFileSync(join(root, 'notes', 'ch3.md'), 'utf8');
    writeFileSync(join(repo, 'notes', 'ch3.md'), note.replace('2 packets transmitted, 2 packets received', '2 packets transmitted, 1 packets received'));
    const result = spawnSync(join(root, program), [...args, 'fresh.md', 'notes/ch3.md'], {
      cwd: repo,
      env: { ...process.env, PRE_COMMIT: '1', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain('FRESH');
    expect(result.stdout).not.toContain('fresh.md');
    expect(result.stdout).not.toContain('✓');
    expect(result.stdout).toMatch(/^STALE notes\/ch3\.md /);
    expect(result.stdout).toMatch(/To look at \(1\):\n {2}stale {2}notes\/ch3\.md:36 kubectl exec/);
    expect(result.stdout).toContain('2 notes: 1 fresh, 1 stale');
  });
});
