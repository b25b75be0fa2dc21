import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type StatSyncOptions } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';

// The one walk through a directory tree: the notes in a folder (cli/find-notes.ts) and
// the manifests kubectl would read from one (yaml/manifest-files.ts). tinyglobby walks;
// what is ours is which folders are never entered and the order, which each caller sets.

export interface Walk {
  /** Folder names never entered, at any depth. */
  skipFolders: readonly string[];
  /** Also never enter a folder whose name starts with a dot. */
  skipDotFolders?: boolean;
  /** Files directly in the folder only. */
  topOnly?: boolean;
  /** Stop listing folders after this many entries: a walk of a huge tree must not stall the run. */
  maxEntries?: number;
  /**
   * List a symbolic link that leads to no file (a broken one, one to a folder) as it is,
   * for the caller to say what is wrong with it; otherwise it is passed over.
   */
  listOddLinks?: boolean;
}

/**
 * The files under `dir` (as `dir` joined with their relative path), files behind a
 * symbolic link included, folders behind one never entered. Unordered: callers sort.
 */
export function filesUnder(dir: string, walk: Walk): string[] {
  const ignore = walk.skipFolders.map((name) => `**/${name}/**`);
  if (walk.skipDotFolders) ignore.push('**/.*/**');
  const found = globSync('**', {
    cwd: dir,
    dot: true,
    ignore,
    expandDirectories: false,
    ...(walk.topOnly ? { deep: 0 } : {}),
    fs: {
      ...(walk.listOddLinks ? { realpathSync: realpathOrLink, statSync: linkAsFile } : { statSync: skipLinkedFolder }),
      ...(walk.maxEntries === undefined ? {} : { readdirSync: capped(walk.maxEntries) }),
    },
  });
  return found.map((path) => join(dir, path));
}

/**
 * The walk asks `stat` only what a symbolic link points to; a folder behind one is
 * passed over like a broken link, never entered, so a link loop cannot trap the walk.
 */
const skipLinkedFolder = ((path: string, options?: StatSyncOptions) => {
  const stats = statSync(path, options);
  if (stats?.isDirectory()) throw new Error(`${path}: a folder behind a symbolic link is not walked`);
  return stats;
}) as typeof statSync;

/** Where a link leads, or the link itself when it leads nowhere. */
const realpathOrLink = ((path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}) as typeof realpathSync;

/** What a link leads to, seen as a file whatever it is: listed, never entered. */
const linkAsFile = ((path: string, options?: StatSyncOptions) => {
  let stats;
  try {
    stats = statSync(path, options);
  } catch {
    stats = lstatSync(path, options);
  }
  if (stats?.isDirectory()) stats.isDirectory = () => false;
  return stats;
}) as typeof statSync;

/** `readdirSync` that lists nothing more once `max` entries were listed. */
function capped(max: number) {
  let seen = 0;
  return ((path: string, options: { withFileTypes: true }): Dirent[] => {
    if (seen >= max) return [];
    const entries = readdirSync(path, options);
    seen += entries.length;
    return entries;
  }) as typeof readdirSync;
}

/** Compares paths a folder level at a time, with `compare` on the names: a folder's files sort where its name does. */
export function byFolderLevels(compare: (a: string, b: string) => number): (a: string, b: string) => number {
  return (a, b) => {
    const left = a.split('/');
    const right = b.split('/');
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
      if (left[i] !== right[i]) return compare(left[i], right[i]);
    }
    return left.length - right.length;
  };
}
