import { statSync, writeFileSync } from 'node:fs';
import { writeAtomically } from './atomic-write.js';

/**
 * Writes a report (`--output-file`). A regular file is replaced atomically: a disk that
 * fills mid-write leaves the previous report whole, never half a JSON or JUnit file that
 * CI would then read. Anything else (`/dev/stdout`, a pipe, `/dev/full`) is written to
 * as it is: it cannot be renamed over, and there is no old content to keep.
 */
export function writeReportFile(path: string, text: string): void {
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing && !existing.isFile()) writeFileSync(path, text);
  else writeAtomically(path, text);
}
