import type { Note } from '../model.js';
import { appliedObjects } from '../yaml/applied-objects.js';
import { isRecord } from '../yaml/manifest-documents.js';

/**
 * The container images a note will make the cluster pull: those of every manifest it
 * applies (yaml blocks and files) and of `kubectl run` / `create deployment --image`.
 * In the note's order, each once.
 */
export function noteImages(note: Note, cwd: string): string[] {
  const images = appliedObjects(note, cwd).flatMap(imagesOf);
  for (const step of note.steps) {
    if (step.kind !== 'command' || step.skip || step.notExecutable) continue;
    images.push(...step.facts.images);
  }
  return [...new Set(images)];
}

/** Images of a Pod, of a workload's pod template, or of a CronJob's job template. */
function imagesOf(object: unknown): string[] {
  if (!isRecord(object)) return [];
  const spec = isRecord(object.spec) ? object.spec : undefined;
  if (!spec) return [];
  if (object.kind === 'Pod') return podImages(spec);
  const template = isRecord(spec.template) && isRecord(spec.template.spec) ? spec.template.spec : undefined;
  if (template) return podImages(template);
  const job = isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
  return job && isRecord(job.template) && isRecord(job.template.spec) ? podImages(job.template.spec) : [];
}

function podImages(spec: Record<string, unknown>): string[] {
  const containers = [spec.initContainers, spec.containers].flatMap((list) => (Array.isArray(list) ? list : []));
  return containers.flatMap((c) => (isRecord(c) && typeof c.image === 'string' && c.image !== '' ? [c.image] : []));
}
