import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, workspace } from './workspace.js';

// The attack of issue 21: a checkout that ships a config file holding code. The pre-commit
// hook checks pull requests with `--offline`, so nothing from the checkout may run there,
// nor under `--plan` or a live run, and not from a folder above the current one either.

const hook = join(root, 'bin', 'pre-commit-hook');

/** A config file in `dir` whose code, if it ever ran, would create the marker file. */
function codeConfig(dir: string, extension: 'js' | 'mjs' | 'cjs', marker: string): string {
  const file = join(dir, `notes-run.config.${extension}`);
  const body =
    extension === 'mjs'
      ? `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default {};\n`
      : `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = {};\n`;
  writeFileSync(file, body);
  return file;
}

describe('a config file is data, never code', () => {
  for (const extension of ['js', 'mjs', 'cjs'] as const) {
    it(`refuses notes-run.config.${extension} under --offline, --plan and the pre-commit hook, running none of it`, () => {
      const ws = workspace();
      const marker = join(ws.dir, 'MARK');
      codeConfig(ws.dir, extension, marker);
      for (const args of [['--offline', 'ch3.md'], ['--plan', 'ch3.md'], ['ch3.md']]) {
        const result = ws.run(args);
        expect(result.status, args.join(' ')).toBe(2);
        expect(result.stderr).toContain(`notes-run.config.${extension}`);
        expect(result.stderr).toMatch(/data/);
        expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
      }
      const viaHook = spawnSync(hook, ['--offline', '--quiet', 'ch3.md'], { cwd: ws.dir, env: { ...ws.env, PRE_COMMIT: '1' }, encoding: 'utf8' });
      expect(viaHook.status).toBe(2);
      expect(viaHook.stderr).toContain(`notes-run.config.${extension}`);
      expect(existsSync(marker)).toBe(false);
    });
  }

  it('refuses one found in a parent folder, and one named with --config', () => {
    const ws = workspace();
    const marker = join(ws.dir, 'MARK');
    const file = codeConfig(ws.dir, 'mjs', marker);
    const inner = join(ws.dir, 'notes');
    mkdirSync(inner);
    writeFileSync(join(inner, 'a.md'), '# a\n\n```bash\necho a\n# a\n```\n');
    for (const args of [['--offline', 'a.md'], ['--plan', 'a.md']]) {
      const result = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: inner, env: ws.env, encoding: 'utf8' });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(file);
    }
    const viaHook = spawnSync(hook, ['--offline', '--quiet', 'a.md'], { cwd: inner, env: { ...ws.env, PRE_COMMIT: '1' }, encoding: 'utf8' });
    expect(viaHook.status).toBe(2);
    const named = ws.run(['--config', 'notes-run.config.mjs', '--offline', 'ch3.md']);
    expect(named.status).toBe(2);
    expect(named.stderr).toContain('notes-run.config.mjs');
    expect(existsSync(marker)).toBe(false);
  });

  it('still reads JSON, YAML and the package.json key', () => {
    for (const [name, text] of [
      ['notes-run.config.json', '{"timeout": "soon"}'],
      ['notes-run.config.yaml', 'timeout: soon\n'],
      ['package.json', '{"notes-run": {"timeout": "soon"}}'],
    ]) {
      const ws = workspace();
      writeFileSync(join(ws.dir, name), text);
      const result = ws.run(['--plan', 'ch3.md']);
      expect(result.status, name).toBe(2);
      expect(result.stderr).toContain(`${name}: "timeout" must be a number of seconds`);
    }
  });
});
