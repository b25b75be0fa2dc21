import type { Note } from '../model.js';
import { appliedObjects } from './applied-objects.js';
import { isRecord } from './manifest-documents.js';

/**
 * Node ports that the note's manifests fix (`nodePort: 30080`): the cluster did not pick
 * them, so a different one in the output is drift, not chance.
 */
export function fixedNodePorts(note: Note, cwd: string): number[] {
  const ports = appliedObjects(note, cwd).flatMap((object) => {
    const spec = isRecord(object) && object.kind === 'Service' && isRecord(object.spec) ? object.spec : undefined;
    const list = Array.isArray(spec?.ports) ? spec.ports : [];
    return list.map((port) => (isRecord(port) ? Number(port.nodePort) : NaN)).filter(Number.isInteger);
  });
  return [...new Set(ports)];
}
