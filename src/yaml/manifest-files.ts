import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { byFolderLevels, filesUnder } from '../files/files-under.js';
import { readBounded } from '../files/read-bounded.js';
import { readManifests, type ManifestRead } from './manifest-documents.js';

/** The extensions kubectl reads from a directory given to `-f`. */
export const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Folders never searched: they hold dependencies and history, not the user's manifests. */
const SKIPPED_FOLDERS = ['node_modules', '.git'];
/** A search under a huge working dir stops here rather than stall the check. */
const MAX_ENTRIES = 20_000;

export function isManifestName(path: string): boolean {
  return MANIFEST_EXTENSIONS.has(extname(path).toLowerCase());
}

export function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

export function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** The manifest files kubectl would read from a directory, in its (name) order. */
export function manifestFilesIn(dir: string, recursive: boolean): string[] {
  return walk(dir, recursive).filter(isManifestName);
}

/** Every file under `root` with this bare name. */
export function filesNamed(root: string, name: string): string[] {
  return walk(root, true).filter((path) => basename(path) === name);
}

/** A manifest larger than this is not one a note shows: it is not read (nor is a link to /dev/zero). */
const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

export function readManifestFile(path: string): ManifestRead {
  try {
    const read = readBounded(path, MAX_MANIFEST_BYTES);
    if ('problem' in read) return { objects: [], error: { line: 0, message: read.problem } };
    return readManifests(read.bytes.toString('utf8'));
  } catch (error) {
    return { objects: [], error: { line: 0, message: (error as Error).message } };
  }
}

/**
 * The files under `root`, as kubectl lists a directory: a folder's own files first, in
 * byte order of their names, then those one folder down, and so on.
 */
function walk(root: string, recursive: boolean): string[] {
  const depth = (path: string) => path.split('/').length;
  const inByteOrder = byFolderLevels((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return filesUnder(root, { skipFolders: SKIPPED_FOLDERS, topOnly: !recursive, maxEntries: MAX_ENTRIES })
    .sort((a, b) => depth(a) - depth(b) || inByteOrder(a, b));
}
