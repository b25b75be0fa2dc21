import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspace } from '../e2e/workspace.js';

// --update must never corrupt a note: whatever else happens to the file while the run
// has it, the rewrite is exactly the drifted lines, or nothing.

const fence = '```';
/** A note whose one step drifted: `echo b` documented as printing `a`. */
const drifted = (before = '# n\n\n', after = 'end\n') => `${before}${fence}bash\necho b\n# a\n${fence}\n${after}`;
const updatedFrom = (text: string) => text.replace('# a\n', '# b\n');

describe('--update keeps the note whole', () => {
  it('splits lines as the reader does: a lone \\r in a text line does not shift the rewrite onto the fence', () => {
    const ws = workspace();
    const note = drifted('# n\n\nintro\rmore\n\n');
    ws.writeNote(note, 'n.md');
    expect(ws.run(['--update', 'n.md']).status).toBe(0);
    expect(ws.note('n.md')).toBe(updatedFrom(note));
  });

  it('keeps CRLF line endings and the break after the output as written', () => {
    const ws = workspace();
    const note = drifted('# n\n\n').replace(/\n/g, '\r\n');
    ws.writeNote(note, 'n.md');
    expect(ws.run(['--update', 'n.md']).status).toBe(0);
    expect(ws.note('n.md')).toBe(note.replace('# a\r\n', '# b\r\n'));
  });

  it('keeps a byte-order mark', () => {
    const ws = workspace();
    const note = `\uFEFF${drifted()}`;
    ws.writeNote(note, 'n.md');
    expect(ws.run(['--update', 'n.md']).status).toBe(0);
    expect(readFileSync(join(ws.dir, 'n.md')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(ws.note('n.md')).toBe(updatedFrom(note));
  });

  it('writes through a symlink to its target, and the link stays a link', () => {
    const ws = workspace();
    mkdirSync(join(ws.dir, 'real'));
    writeFileSync(join(ws.dir, 'real', 'n.md'), drifted());
    symlinkSync(join('real', 'n.md'), join(ws.dir, 'n.md'));
    expect(ws.run(['--update', 'n.md']).status).toBe(0);
    expect(lstatSync(join(ws.dir, 'n.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(ws.dir, 'real', 'n.md'), 'utf8')).toBe(updatedFrom(drifted()));
  });

  it('keeps a group-writable mode the umask would narrow', () => {
    const ws = workspace();
    ws.writeNote(drifted(), 'n.md');
    chmodSync(join(ws.dir, 'n.md'), 0o664);
    expect(ws.run(['--update', 'n.md']).status).toBe(0);
    expect(statSync(join(ws.dir, 'n.md')).mode & 0o777).toBe(0o664);
    expect(ws.note('n.md')).toBe(updatedFrom(drifted()));
  });

  it('refuses a read-only note, says so on that note, and leaves it as it is', () => {
    const ws = workspace();
    ws.writeNote(drifted(), 'n.md');
    chmodSync(join(ws.dir, 'n.md'), 0o444);
    const { exitCode, report } = ws.json(['--update', 'n.md']);
    expect(exitCode).toBe(1);
    expect(ws.note('n.md')).toBe(drifted());
    expect(statSync(join(ws.dir, 'n.md')).mode & 0o777).toBe(0o444);
    expect(JSON.stringify(report.notes[0])).toContain('read-only');
  });

  it('leaves a note that changed during the run as it now is, and says so', () => {
    const ws = workspace();
    const path = join(ws.dir, 'n.md');
    const note = `# n\n\n${fence}bash\necho '<!-- edited meanwhile -->' >> '${path}'\necho b\n# a\n${fence}\n`;
    ws.writeNote(note, 'n.md');
    const { exitCode, report } = ws.json(['--update', 'n.md']);
    expect(ws.note('n.md')).toBe(`${note}<!-- edited meanwhile -->\n`);
    expect(exitCode).toBe(1);
    expect(JSON.stringify(report.notes[0])).toContain('changed on disk during the run');
  });

  it('keeps a hard-linked note linked: every name of it shows the update', () => {
    const ws = workspace();
    ws.writeNote(drifted(), 'n.md');
    linkSync(join(ws.dir, 'n.md'), join(ws.dir, 'same.md'));
    const before = statSync(join(ws.dir, 'n.md'));
    expect(ws.run(['--update', 'n.md']).status).toBe(0);
    expect(ws.note('n.md')).toBe(updatedFrom(drifted()));
    expect(ws.note('same.md')).toBe(updatedFrom(drifted()));
    const after = statSync(join(ws.dir, 'n.md'));
    expect(after.ino).toBe(before.ino);
    expect(after.nlink).toBe(2);
    expect(readdirSync(ws.dir).filter((name) => name.includes('.notes-run-'))).toEqual([]);
  });

  it('keeps the link through a symlink to a hard-linked note', () => {
    const ws = workspace();
    mkdirSync(join(ws.dir, 'real'));
    writeFileSync(join(ws.dir, 'real', 'n.md'), drifted());
    linkSync(join(ws.dir, 'real', 'n.md'), join(ws.dir, 'real', 'same.md'));
    symlinkSync(join('real', 'n.md'), join(ws.dir, 'n.md'));
    expect(ws.run(['--update', 'n.md']).status).toBe(0);
    expect(lstatSync(join(ws.dir, 'n.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(ws.dir, 'real', 'n.md'), 'utf8')).toBe(updatedFrom(drifted()));
    expect(readFileSync(join(ws.dir, 'real', 'same.md'), 'utf8')).toBe(updatedFrom(drifted()));
    expect(statSync(join(ws.dir, 'real', 'same.md')).nlink).toBe(2);
  });

  it('runs a note named twice (n.md and ./n.md) once', () => {
    const ws = workspace();
    ws.writeNote(drifted(), 'n.md');
    const { report } = ws.json(['--update', 'n.md', './n.md']);
    expect(report.notes.map((note) => note.file)).toEqual(['n.md']);
    expect(ws.note('n.md')).toBe(updatedFrom(drifted()));
  });

  it('removes temporary files that killed runs left beside the note and its snapshot, and none of its own', () => {
    const ws = workspace();
    ws.writeNote(drifted(), 'n.md');
    mkdirSync(join(ws.dir, 'snapshots'));
    // PID 2^22 + 1 is above Linux's pid_max: no process has it.
    const dead = 4194305;
    writeFileSync(join(ws.dir, `.n.md.notes-run-${dead}.tmp`), 'half a note');
    writeFileSync(join(ws.dir, 'snapshots', `.n.md.yaml.notes-run-${dead}.tmp`), 'half a snapshot');
    writeFileSync(join(ws.dir, `.n.md.notes-run-${process.pid}.tmp`), 'a live run writing');
    expect(ws.run(['--update', 'n.md']).status).toBe(0);
    expect(readdirSync(ws.dir).filter((name) => name.endsWith('.tmp'))).toEqual([`.n.md.notes-run-${process.pid}.tmp`]);
    expect(readdirSync(join(ws.dir, 'snapshots')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(ws.dir, 'snapshots', 'n.md.yaml'))).toBe(true);
  });
});
