import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { readManifests, type ManifestRead } from './manifest-documents.js';

/** The extensions kubectl reads from a directory given to `-f`. */
export const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Folders never searched: they hold dependencies and history, not the user's manifests. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
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

export function readManifestFile(path: string): ManifestRead {
  try {
    return readManifests(readFileSync(path, 'utf8'));
  } catch (error) {
    return { objects: [], error: { line: 0, message: (error as Error).message } };
  }
}

function walk(root: string, recursive: boolean): string[] {
  const files: string[] = [];
  const pending = [root];
  let seen = 0;
  while (pending.length > 0 && seen < MAX_ENTRIES) {
    const dir = pending.shift()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      continue;
    }
    for (const entry of entries) {
      seen++;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (recursive && !SKIPPED_FOLDERS.has(entry.name)) pending.push(path);
      } else if (entry.isFile() || (entry.isSymbolicLink() && isFile(path))) {
        files.push(path);
      }
    }
  }
  return files;
}
