import * as fs from 'node:fs';
import { linkSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// A disk that fills mid-write, injected: `writeSync` fails once the file being written
// is the one named, after some of its bytes went out. No real full disk is needed.

const failing = vi.hoisted(() => ({ path: undefined as string | undefined, after: 0 }));

vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  const fdPaths = new Map<number, string>();
  const openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
    const fd = (real.openSync as (...args: unknown[]) => number)(path, ...rest);
    fdPaths.set(fd, String(path));
    return fd;
  }) as typeof real.openSync;
  const writeSync = ((fd: number, buffer: Uint8Array, offset: number, length: number, position?: number) => {
    if (failing.path !== undefined && fdPaths.get(fd) === failing.path) {
      const room = Math.max(0, failing.after - (position ?? 0));
      if (room < length) {
        if (room > 0) real.writeSync(fd, buffer, offset, room, position);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
    }
    return real.writeSync(fd, buffer, offset, length, position);
  }) as typeof real.writeSync;
  return { ...real, default: { ...real, openSync, writeSync }, openSync, writeSync };
});

const { writeAtomically, temporaryPath } = await import('../../src/files/atomic-write.js');

afterEach(() => {
  failing.path = undefined;
});

function linkedNote(): { dir: string; path: string; other: string } {
  const dir = mkdtempSync(join(tmpdir(), 'notes-run-atomic-'));
  const path = join(dir, 'n.md');
  writeFileSync(path, 'old note\n'.repeat(10));
  linkSync(path, join(dir, 'same.md'));
  return { dir, path, other: join(dir, 'same.md') };
}

describe('a write that fails halfway (disk full) loses nothing', () => {
  it('a plain note: the half-written temporary file goes, the note stays as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-run-atomic-'));
    const path = join(dir, 'n.md');
    writeFileSync(path, 'old\n');
    failing.path = temporaryPath(path);
    failing.after = 3;
    expect(() => writeAtomically(path, 'new note, longer than the room left\n')).toThrow('ENOSPC');
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['n.md']);
  });

  it('a hard-linked note whose temporary file cannot be written: both names keep the old text', () => {
    const { dir, path, other } = linkedNote();
    failing.path = temporaryPath(path);
    failing.after = 5;
    expect(() => writeAtomically(path, 'new note\n'.repeat(20))).toThrow('ENOSPC');
    expect(readFileSync(other, 'utf8')).toBe('old note\n'.repeat(10));
    expect(statSync(path).nlink).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['n.md', 'same.md']);
  });

  it('a hard-linked note rewritten in place that fails halfway: the old bytes are put back, in the same inode', () => {
    const { dir, path, other } = linkedNote();
    const inode = statSync(path).ino;
    // The temporary file fits; the note's own inode has no room past its old 90 bytes and 10 more.
    failing.path = path;
    failing.after = 100;
    expect(() => writeAtomically(path, 'new note\n'.repeat(20))).toThrow('ENOSPC');
    expect(readFileSync(path, 'utf8')).toBe('old note\n'.repeat(10));
    expect(readFileSync(other, 'utf8')).toBe('old note\n'.repeat(10));
    expect(statSync(path).ino).toBe(inode);
    expect(statSync(path).nlink).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['n.md', 'same.md']);
  });

  it('should putting the old bytes back fail too, the old note is kept whole beside it', () => {
    const { dir, path } = linkedNote();
    failing.path = path;
    failing.after = 30;
    expect(() => writeAtomically(path, 'new note\n'.repeat(20))).toThrow(`its old text is in ${join(dir, `.n.md.notes-run-${process.pid}.orig`)}`);
    const kept = readdirSync(dir).filter((name) => name.endsWith('.orig'));
    expect(kept).toEqual([`.n.md.notes-run-${process.pid}.orig`]);
    expect(readFileSync(join(dir, kept[0]), 'utf8')).toBe('old note\n'.repeat(10));
  });

  it('a hard-linked note rewritten in place: shorter new text leaves no tail of the old one', () => {
    const { dir, path, other } = linkedNote();
    writeAtomically(path, 'short\n');
    expect(readFileSync(other, 'utf8')).toBe('short\n');
    expect(readdirSync(dir).sort()).toEqual(['n.md', 'same.md']);
  });
});
