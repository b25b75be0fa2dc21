import { linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptCopyPath, temporaryPath, writeAtomically } from '../../src/files/atomic-write.js';
import { workspace } from '../e2e/workspace.js';

// The attack of issue 21: a checkout whose snapshots (or snapshots folder) are symbolic
// links out of the repository, e.g. to ~/.ssh/authorized_keys. A live run must not write
// through them; the victim outside stays as it was.

const note = '# n\n\n```bash\necho hello\n# hello\n```\n';

function victim(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'notes-run-victim-'));
  const file = join(dir, 'authorized_keys');
  writeFileSync(file, 'ssh-ed25519 AAAA victim\n');
  return { dir, file };
}

describe('snapshots are never written through a link out of the snapshots folder', () => {
  it('refuses a snapshot file that links outside, saying so, and leaves the target alone', () => {
    const ws = workspace();
    const outside = victim();
    ws.writeNote(note, 'n.md');
    mkdirSync(join(ws.dir, 'snapshots'));
    symlinkSync(outside.file, join(ws.dir, 'snapshots', 'n.md.yaml'));
    const result = ws.run(['n.md']);
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/snapshots\/n\.md\.yaml.*symbolic link to .*authorized_keys, outside the snapshots folder/);
    expect(readFileSync(outside.file, 'utf8')).toBe('ssh-ed25519 AAAA victim\n');
  });

  it('refuses a folder inside the snapshots folder that links outside', () => {
    const ws = workspace();
    const outside = victim();
    mkdirSync(join(ws.dir, 'notes'));
    writeFileSync(join(ws.dir, 'notes', 'n.md'), note);
    mkdirSync(join(ws.dir, 'snapshots'));
    symlinkSync(outside.dir, join(ws.dir, 'snapshots', 'notes'));
    const result = ws.run(['notes/n.md']);
    // Found before anything runs, as a snapshots folder linked out of its project is.
    expect(result.status).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/symbolic link to .*, outside .*snapshots/);
    expect(readdirSync(outside.dir)).toEqual(['authorized_keys']);
  });

  it('refuses a snapshots folder that is a link out of its project, default or named with --snapshots, before running', () => {
    const ws = workspace();
    const outside = victim();
    ws.writeNote(note, 'n.md');
    symlinkSync(outside.dir, join(ws.dir, 'snapshots'));
    symlinkSync(outside.dir, join(ws.dir, 'snaps'));
    for (const args of [['n.md'], ['--snapshots', 'snaps', 'n.md']]) {
      const result = ws.run(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/is a symbolic link to .*notes-run-victim-.*, outside/);
      expect(result.stdout).toBe('');
    }
    expect(readdirSync(outside.dir)).toEqual(['authorized_keys']);
    // Named by its real place, the folder is the user's choice.
    expect(ws.run(['--snapshots', outside.dir, 'n.md']).status).toBe(0);
  });

  it('replaces a snapshot hard-linked to a file elsewhere by a file of its own', () => {
    const ws = workspace();
    const outside = victim();
    ws.writeNote(note, 'n.md');
    mkdirSync(join(ws.dir, 'snapshots'));
    linkSync(outside.file, join(ws.dir, 'snapshots', 'n.md.yaml'));
    expect(ws.run(['n.md']).status).toBe(0);
    expect(readFileSync(join(ws.dir, 'snapshots', 'n.md.yaml'), 'utf8')).toContain('echo hello');
    expect(readFileSync(outside.file, 'utf8')).toBe('ssh-ed25519 AAAA victim\n');
  });

  it('still writes through a link that stays inside the snapshots folder', () => {
    const ws = workspace();
    ws.writeNote(note, 'n.md');
    mkdirSync(join(ws.dir, 'snapshots', 'kept'), { recursive: true });
    writeFileSync(join(ws.dir, 'snapshots', 'kept', 'n.yaml'), '');
    symlinkSync(join('kept', 'n.yaml'), join(ws.dir, 'snapshots', 'n.md.yaml'));
    expect(ws.run(['n.md']).status).toBe(0);
    expect(readFileSync(join(ws.dir, 'snapshots', 'kept', 'n.yaml'), 'utf8')).toContain('echo hello');
  });
});

describe('temporary files beside a file being replaced', () => {
  it('are never opened through a link planted at their name', () => {
    const outside = victim();
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-atomic-'));
    const target = join(dir, 'a.md');
    writeFileSync(target, 'old\n');
    symlinkSync(outside.file, temporaryPath(target));
    writeAtomically(target, 'new\n');
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readFileSync(outside.file, 'utf8')).toBe('ssh-ed25519 AAAA victim\n');
  });

  it('nor is the kept copy of a hard-linked file', () => {
    const outside = victim();
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-atomic-'));
    const target = join(dir, 'a.md');
    writeFileSync(target, 'old\n');
    linkSync(target, join(dir, 'b.md'));
    symlinkSync(outside.file, keptCopyPath(target));
    expect(() => writeAtomically(target, 'new\n')).toThrow(/in the way/);
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readFileSync(outside.file, 'utf8')).toBe('ssh-ed25519 AAAA victim\n');
  });
});
