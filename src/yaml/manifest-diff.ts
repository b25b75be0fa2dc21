import { stringify } from 'yaml';
import { isRecord, objectKey } from './manifest-documents.js';
import { excerptPlaces, isExcerpt } from './manifest-excerpt.js';

/** One field where the note's manifest and the file disagree, worded for a report. */
export interface FieldDifference {
  side: 'note' | 'file' | 'both';
  text: string;
}

/**
 * Field-level differences between the objects of a note's block and of a file. One object each
 * is compared directly, so a typo'd kind or name shows as a field; otherwise objects pair up by
 * `Kind/name`, in order. A block that shows only part of a manifest is compared with the
 * fields it shows, where the file has them.
 */
export function manifestDiff(note: unknown[], file: unknown[]): FieldDifference[] {
  // A file of kind-less documents (a values file, a config) is shown whole, not in part.
  if (note.length > 0 && note.every(isExcerpt) && file.some((object) => !isExcerpt(object))) return note.flatMap((excerpt) => excerptDiff(excerpt, file));
  if (note.length === 1 && file.length === 1) return valueDiff(note[0], file[0], '');
  const unmatched = [...file];
  const out: FieldDifference[] = [];
  for (const object of note) {
    const at = unmatched.findIndex((other) => labelOf(other) === labelOf(object));
    const label = labelOf(object);
    if (at < 0) {
      out.push({ side: 'note', text: `${label}: only in the note` });
      continue;
    }
    const [other] = unmatched.splice(at, 1);
    out.push(...valueDiff(object, other, '').map((d) => ({ ...d, text: `${label} ${d.text}` })));
  }
  for (const other of unmatched) out.push({ side: 'file', text: `${labelOf(other)}: only in the file` });
  return out;
}

/**
 * The fields an excerpt shows against the same fields at its place in the file; what the
 * excerpt leaves out is not a difference, and list items pair by `name` where they have one
 * (`containers`, `env`, `volumes`), so an excerpt may show one container of two.
 */
function excerptDiff(excerpt: Record<string, unknown>, file: unknown[]): FieldDifference[] {
  // `spec:` is at a Deployment's top and in its pod template: the place that holds what the excerpt shows is the one it means.
  const candidates = excerptPlaces(excerpt, file).map((place) => {
    const at = place.path.reduce((path, key) => (key.startsWith('[') ? `${path}${key}` : join(path, key)), '');
    return Object.keys(excerpt).flatMap((key) => shownDiff(excerpt[key], place.record[key], join(at, key)));
  });
  if (candidates.length === 0) return [{ side: 'note', text: `${Object.keys(excerpt).join(', ')}: shown in the note, nowhere in the file` }];
  return candidates.reduce((best, differences) => (differences.length < best.length ? differences : best));
}

function shownDiff(note: unknown, file: unknown, path: string): FieldDifference[] {
  if (isRecord(note) && isRecord(file)) {
    return Object.keys(note).flatMap((key) =>
      Object.hasOwn(file, key) ? shownDiff(note[key], file[key], join(path, key)) : [{ side: 'note' as const, text: `${where(path === '' ? key : join(path, key))}: only in note (${shown(note[key])})` }],
    );
  }
  if (Array.isArray(note) && Array.isArray(file) && note.some(isRecord)) {
    return note.flatMap((item, i) => {
      const name = isRecord(item) ? item.name : undefined;
      const j = name === undefined ? i : file.findIndex((other) => isRecord(other) && other.name === name);
      if (j < 0 || j >= file.length) return [{ side: 'note' as const, text: `${path}[${i}]: only in note (${shown(item)})` }];
      return shownDiff(item, file[j], `${path}[${j}]`);
    });
  }
  // Scalars and lists of scalars (`args`, `command`) are shown whole: compared whole.
  return valueDiff(note, file, path);
}

function labelOf(object: unknown): string {
  return objectKey(object) ?? '(object without kind or name)';
}

function valueDiff(note: unknown, file: unknown, path: string): FieldDifference[] {
  if (Array.isArray(note) && Array.isArray(file)) {
    const out: FieldDifference[] = [];
    for (let i = 0; i < Math.max(note.length, file.length); i++) out.push(...entryDiff(note, file, i, `${path}[${i}]`));
    return out;
  }
  if (isRecord(note) && isRecord(file)) {
    const keys = [...Object.keys(note), ...Object.keys(file).filter((key) => !Object.hasOwn(note, key))];
    return keys.flatMap((key) => entryDiff(note, file, key, join(path, key)));
  }
  // Strict: "80" and 80 differ, as they do to the API server.
  if (Object.is(note, file)) return [];
  return [{ side: 'both', text: `${where(path)}: note ${shown(note)}, file ${shown(file)}` }];
}

function entryDiff(note: object, file: object, key: string | number, path: string): FieldDifference[] {
  const inNote = Object.hasOwn(note, key);
  const inFile = Object.hasOwn(file, key);
  const noteValue = (note as Record<string | number, unknown>)[key];
  const fileValue = (file as Record<string | number, unknown>)[key];
  if (!inFile) return [{ side: 'note', text: `${where(path)}: only in note (${shown(noteValue)})` }];
  if (!inNote) return [{ side: 'file', text: `${where(path)}: only in file (${shown(fileValue)})` }];
  return valueDiff(noteValue, fileValue, path);
}

/** `spec.ports`, and label keys like `app.kubernetes.io/name` quoted so the path stays readable. */
function join(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function where(path: string): string {
  return path === '' ? '(whole object)' : path;
}

/** YAML's own quoting tells `"80"` from `80` and `"yes"` from `yes`; long values are cut. */
function shown(value: unknown): string {
  const text =
    typeof value === 'string' && value.includes('\n')
      ? JSON.stringify(value)
      : stringify(value, { version: '1.1', collectionStyle: 'flow', lineWidth: 0 }).trim();
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
