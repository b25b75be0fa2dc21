import { isRecord } from './manifest-documents.js';

// Notes often show part of a manifest: `spec:` and below, the `template:` of a
// Deployment, a container's `env:`. Such a block has no `kind` of its own; it stands for
// the fields it shows, at the place in the file where they are.

/** A document with no `kind` and no `apiVersion`: part of a manifest, not a whole object. */
export function isExcerpt(object: unknown): object is Record<string, unknown> {
  return isRecord(object) && !Object.hasOwn(object, 'kind') && !Object.hasOwn(object, 'apiVersion') && Object.keys(object).length > 0;
}

/** Where an excerpt sits in a file: the record holding its fields, and that record's path (`spec.template`). */
export interface ExcerptPlace {
  record: Record<string, unknown>;
  path: string[];
}

/**
 * The records in the file's objects that hold every top-level field of the excerpt,
 * shallowest first (breadth first, in file order): `spec:` finds the object itself and a
 * pod template's spec, `template:` a Deployment's spec, `containers:` a pod spec.
 */
export function excerptPlaces(excerpt: Record<string, unknown>, objects: unknown[]): ExcerptPlace[] {
  const keys = Object.keys(excerpt);
  const places: ExcerptPlace[] = [];
  const queue: { value: unknown; path: string[] }[] = objects.map((value) => ({ value, path: [] }));
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const { value, path } = next;
    if (isRecord(value)) {
      if (keys.every((key) => Object.hasOwn(value, key))) places.push({ record: value, path });
      for (const [key, child] of Object.entries(value)) queue.push({ value: child, path: [...path, key] });
    } else if (Array.isArray(value)) {
      value.forEach((child, i) => queue.push({ value: child, path: [...path, `[${i}]`] }));
    }
  }
  return places;
}
