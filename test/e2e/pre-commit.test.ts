import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
});
