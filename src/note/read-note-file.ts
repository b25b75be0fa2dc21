import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { readBounded, type BoundedRead } from '../files/read-bounded.js';

/** Notes larger than this are not study notes (the largest real ones are some 6 kB); refusing them keeps time and memory bounded: a 5 MB note of small steps took 90 s and 1.5 GB to plan. */
const MAX_NOTE_BYTES = 1024 * 1024;

export function readNoteFile(path: string): string {
  return readNoteSource(path).text;
}

/** A note as read from disk: its text, whether it began with a byte-order mark, and a digest of its bytes. */
export interface NoteSource {
  text: string;
  bom: boolean;
  /** `--update` writes only over the very bytes it read. */
  digest: string;
}

export function readNoteSource(path: string): NoteSource {
  let read: BoundedRead;
  try {
    read = readBounded(path, MAX_NOTE_BYTES);
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if ('problem' in read) throw new InputError(`${path}: ${read.problem}; not read as a note`);
  const { bytes } = read;
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new InputError(`${path}:${lineAt(bytes, nul)}: binary file (a NUL byte), not a Markdown note`);
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const bom = decoded.startsWith('\uFEFF');
    return { text: bom ? decoded.slice(1) : decoded, bom, digest: digestOf(bytes) };
  } catch {
    throw new InputError(`${path}:${lineAt(bytes, firstInvalidUtf8(bytes))}: not UTF-8 text`);
  }
}

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix ends where the first bad byte sits (give or take a code point).
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid));
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

export function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
