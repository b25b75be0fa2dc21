import { resolve } from 'node:path';
import type { Note } from '../model.js';
import { readManifests } from './manifest-documents.js';
import { isDirectory, isFile, manifestFilesIn, readManifestFile } from './manifest-files.js';

/** Every object a note's manifests hold: its yaml blocks, and the files (or folders) its `kubectl apply -f` steps name. */
export function appliedObjects(note: Note, cwd: string): unknown[] {
  const objects: unknown[] = [];
  for (const step of note.steps) {
    if (step.kind === 'yaml') objects.push(...readManifests(step.source).objects);
    if (step.kind !== 'command') continue;
    for (const { path, recursive } of step.facts.appliedPaths) {
      const full = resolve(cwd, path);
      const files = isDirectory(full) ? manifestFilesIn(full, recursive) : isFile(full) ? [full] : [];
      for (const file of files) objects.push(...readManifestFile(file).objects);
    }
  }
  return objects;
}
