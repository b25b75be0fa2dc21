import { resolve } from 'node:path';
import type { Note } from '../model.js';
import { isRecord, readManifests } from './manifest-documents.js';
import { isDirectory, isFile, manifestFilesIn, readManifestFile } from './manifest-files.js';

/**
 * Node ports that the note's manifests fix (`nodePort: 30080`): the cluster did not pick
 * them, so a different one in the output is drift, not chance.
 */
export function fixedNodePorts(note: Note, cwd: string): number[] {
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
  const ports = objects.flatMap((object) => {
    const spec = isRecord(object) && object.kind === 'Service' && isRecord(object.spec) ? object.spec : undefined;
    const list = Array.isArray(spec?.ports) ? spec.ports : [];
    return list.map((port) => (isRecord(port) ? Number(port.nodePort) : NaN)).filter(Number.isInteger);
  });
  return [...new Set(ports)];
}
