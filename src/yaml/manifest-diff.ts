import { stringify } from 'yaml';
import { isRecord, objectKey } from './manifest-documents.js';

/** One field where the note's manifest and the file disagree, worded for a report. */
export interface FieldDifference {
  side: 'note' | 'file' | 'both';
  text: string;
}

/**
 * Field-level differences between the objects of a note's block and of a file. One object each
 * is compared directly, so a typo'd kind or name shows as a field; otherwise objects pair up by
 * `Kind/name`, in order.
 */
export function manifestDiff(note: unknown[], file: unknown[]): FieldDifference[] {
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
