import { chmodSync, chownSync, closeSync, constants, fsyncSync, ftruncateSync, openSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// Every file notes-run replaces (a note under --update, a snapshot) is replaced the same
// way: written in full to a temporary file beside it, then renamed over it, so a crash or
// a full disk leaves the old file, never half of a new one. The temporary file is named
// after our PID: one left by a run that was killed (SIGKILL cannot be caught) is removed
// by the next run that writes beside it, once that PID is gone.
//
// A file with more than one hard link is the exception: a rename would give this name a
// new inode and leave the other names with the old text, silently. Like vim's
// `backupcopy=auto` and Emacs's `backup-by-copying-when-linked`, such a file is written
// in place instead, so every name sees the update; refusing would leave the user no way
// to update a linked note at all. In place is not atomic, so it is guarded: the new
// content is first written in full beside it (a full disk fails there, the note
// untouched), the old content is kept in `.NAME.notes-run-PID.orig` while the note is
// rewritten, a failed write puts the old bytes back, and only a SIGKILL mid-write (a
// window of one synchronous write) can leave a half note, with the `.orig` beside it. An
// `.orig` is never swept: it may be the only whole copy.

const TEMPORARY = /^\.(.+)\.notes-run-(\d+)\.tmp$/;

// The temporary names are predictable, so whoever can write the note's folder (a checkout)
// could plant a link there: they are opened only as new files, never through a link.
const NEW_FILE_ONLY = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

export function temporaryPath(target: string, pid = process.pid): string {
  return join(dirname(target), `.${basename(target)}.notes-run-${pid}.tmp`);
}

/** Where the old content of a hard-linked file waits while the file is rewritten in place. */
export function keptCopyPath(target: string, pid = process.pid): string {
  return join(dirname(target), `.${basename(target)}.notes-run-${pid}.orig`);
}

export interface AtomicWriteOptions {
  /** Called right before the rename; throwing leaves the target as it was. */
  beforeRename?: () => void;
  /**
   * A hard-linked file is rewritten in place so its other names see the update (a note).
   * False: it gets a file of its own (a snapshot: a link to a file elsewhere is not ours to write).
   */
  linkedInPlace?: boolean;
}

/**
 * Replaces `path` by `content`. A symlink is followed and its target replaced (the link
 * stays a link); an existing file keeps its mode and, where we may set it, its owner.
 */
export function writeAtomically(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const target = resolvedTarget(path);
  const existing = statOrUndefined(target);
  removeStaleTemporaries(target);
  const temporary = temporaryPath(target);
  let fd: number | undefined;
  try {
    // Nothing of ours has this name yet (it carries our PID): whatever is there goes, a link as a link.
    rmSync(temporary, { force: true });
    fd = openSync(temporary, NEW_FILE_ONLY, existing ? existing.mode & 0o7777 : 0o644);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    writeAll(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (existing) keepOwnership(temporary, existing);
    options.beforeRename?.();
    if (existing && existing.nlink > 1 && options.linkedInPlace !== false) {
      rmSync(temporary, { force: true });
      rewriteInPlace(target, bytes);
    } else {
      renameSync(temporary, target);
    }
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at, at);
}

/**
 * Writes `bytes` into the file's own inode, so its other hard links see them too. The
 * old content is kept beside it until the new one is on disk, and put back if the write
 * fails (the old bytes fit the blocks they already had).
 */
function rewriteInPlace(target: string, bytes: Uint8Array): void {
  const old = readFileSync(target);
  const kept = keptCopyPath(target);
  let keptFd: number;
  try {
    keptFd = openSync(kept, NEW_FILE_ONLY, 0o600);
  } catch (error) {
    // An `.orig` may be the only whole copy of a note an earlier run was killed writing: never replaced.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new Error(`${kept} is in the way (the kept copy of an earlier run, or a link); look at it, then remove it`);
  }
  try {
    writeAll(keptFd, old);
    fsyncSync(keptFd);
  } catch (error) {
    closeSync(keptFd);
    rmSync(kept, { force: true });
    throw error;
  }
  closeSync(keptFd);
  const fd = openSync(target, 'r+');
  try {
    writeAll(fd, bytes);
    ftruncateSync(fd, bytes.length);
    fsyncSync(fd);
  } catch (error) {
    try {
      writeAll(fd, old);
      ftruncateSync(fd, old.length);
      fsyncSync(fd);
    } catch {
      // The kept copy stays: it is the whole old note, and the user must hear where.
      throw new Error(`${(error as Error).message}; the note may be half written, its old text is in ${kept}`);
    }
    rmSync(kept, { force: true });
    throw error;
  } finally {
    closeSync(fd);
  }
  rmSync(kept, { force: true });
}

/** The file a path stands for: a symlinked note is updated where it really lives. */
function resolvedTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The umask narrows the mode `open` is given, and a new file belongs to whoever runs us. */
function keepOwnership(temporary: string, existing: { mode: number; uid: number; gid: number }): void {
  chmodSync(temporary, existing.mode & 0o7777);
  try {
    chownSync(temporary, existing.uid, existing.gid);
  } catch {
    // Only root may give a file away; the owner then is the one who runs the update.
  }
}

/** Temporary files beside `target` left by notes-run processes that no longer run. */
export function removeStaleTemporaries(target: string): string[] {
  const dir = dirname(target);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (!match || match[1] !== basename(target) || isRunning(Number(match[2]))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return removed;
}

export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
