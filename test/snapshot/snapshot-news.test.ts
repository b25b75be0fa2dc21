import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, workspace } from '../e2e/workspace.js';

// A live run rewrites a snapshot only when it records something new, so a clone is not
// dirtied by a run; a snapshot cut short is an error, and one replaced after it was
// corrupted or edited by hand is said.

const fence = '```';
const snapshotOf = (dir: string, note: string) => readFileSync(join(dir, 'snapshots', `${note}.yaml`), 'utf8');

describe('a live run and the snapshot it finds', () => {
  it('leaves the snapshot byte-identical when only IPs, ages and the namespace changed, and rewrites it for a new step', () => {
    const ws = workspace();
    expect(ws.run(['ch3.md']).status).toBe(0);
    const first = snapshotOf(ws.dir, 'ch3.md');
    const again = ws.run(['ch3.md']);
    expect(again.status).toBe(0);
    expect(snapshotOf(ws.dir, 'ch3.md')).toBe(first);
    ws.writeNote(`${ws.note()}\n${fence}bash\necho added\n# added\n${fence}\n`);
    expect(ws.run(['ch3.md']).status).toBe(0);
    const rewritten = snapshotOf(ws.dir, 'ch3.md');
    expect(rewritten).not.toBe(first);
    expect(rewritten).toContain('command: echo added');
  }, 180_000);

  it('rewrites it when an output no longer matches the recorded one under the note\'s rules', () => {
    const ws = workspace();
    ws.writeNote(`# n\n\n${fence}bash\necho one\n${fence}\n`, 'n.md');
    expect(ws.run(['n.md']).status).toBe(0);
    ws.writeNote(`# n\n\n${fence}bash\necho two\n${fence}\n`, 'n.md');
    expect(ws.run(['n.md']).status).toBe(0);
    expect(snapshotOf(ws.dir, 'n.md')).toContain('two');
  });

  it('says so when it replaces a snapshot that is corrupt or was edited by hand', () => {
    const ws = workspace();
    ws.writeNote(`# n\n\n${fence}bash\necho one\n# one\n${fence}\n`, 'n.md');
    expect(ws.run(['n.md']).status).toBe(0);
    const path = join(ws.dir, 'snapshots', 'n.md.yaml');
    writeFileSync(path, snapshotOf(ws.dir, 'n.md').replace(/output: \|\n\s+one\n/, 'output: "hand"   # edited\n'));
    const edited = ws.run(['n.md']);
    expect(edited.stderr).toContain('n.md: replacing');
    expect(edited.stderr).toContain('which was edited by hand');
    writeFileSync(path, 'steps: [');
    const corrupt = ws.run(['n.md']);
    expect(corrupt.stderr).toMatch(/n\.md: replacing a snapshot that could not be read: .*n\.md\.yaml: not a notes-run snapshot/);
    expect(snapshotOf(ws.dir, 'n.md')).toContain('command: echo one');
  });
});

describe('a snapshot cut short', () => {
  it('at a step boundary is an error naming the file, not steps left unverified', () => {
    const ws = workspace();
    ws.writeNote(`# n\n\n${fence}bash\necho one\n# one\n\necho two\n# two\n${fence}\n`, 'n.md');
    expect(ws.run(['n.md']).status).toBe(0);
    const text = snapshotOf(ws.dir, 'n.md');
    writeFileSync(join(ws.dir, 'snapshots', 'n.md.yaml'), text.slice(0, text.indexOf('  - line: 7')));
    const result = ws.run(['--offline', 'n.md']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('n.md.yaml: not a notes-run snapshot (it says 2 steps and holds 1: cut short or edited)');
  });
});

describe('where a note\'s snapshot is written', () => {
  it('under the note\'s own project, whatever folder the run starts in', () => {
    const ws = workspace();
    mkdirSync(join(ws.dir, 'project', 'notes'), { recursive: true });
    mkdirSync(join(ws.dir, 'elsewhere'));
    writeFileSync(join(ws.dir, 'project', 'package.json'), '{}\n');
    ws.writeNote(`# n\n\n${fence}bash\necho one\n# one\n${fence}\n`, 'project/notes/n.md');
    const run = (cwd: string, args: string[]) => spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd, env: ws.env, encoding: 'utf8' });
    expect(run(join(ws.dir, 'elsewhere'), ['../project/notes/n.md']).status).toBe(0);
    expect(existsSync(join(ws.dir, 'project', 'snapshots', 'notes', 'n.md.yaml'))).toBe(true);
    expect(readdirSync(join(ws.dir, 'elsewhere'))).toEqual([]);
    // Read back from the project's own folder, and from its notes folder.
    expect(run(join(ws.dir, 'project'), ['--offline', 'notes/n.md']).stdout).toContain('FRESH');
    expect(run(join(ws.dir, 'project', 'notes'), ['--offline', 'n.md']).stdout).toContain('FRESH');
  });
});
