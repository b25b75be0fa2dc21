import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

// Every file notes-run reads from a checkout (a note, a snapshot, a manifest) may be a
// link to /dev/zero, a FIFO or a folder. Opened without blocking, checked to be a regular
// file on the very descriptor it is read from, and read no further than its cap: a read
// never hangs the event loop (Ctrl-C and SIGTERM still answer) and never takes memory
// past the cap.

export type BoundedRead = { bytes: Buffer } | { problem: string };

/** The file's bytes, or why it is not read: not a regular file, or larger than `maxBytes`. Missing files throw ENOENT as `readFileSync` does. */
export function readBounded(path: string, maxBytes: number): BoundedRead {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: `not a regular file (${kindOf(stat)})` };
    if (stat.size > maxBytes) return { problem: tooLarge(stat.size, maxBytes) };
    // The file may grow while it is read: one byte past the cap says so.
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, stat.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return { problem: `more than ${maxBytes} bytes, too large (it grew while read)` };
        buffer = Buffer.concat([buffer, Buffer.allocUnsafe(Math.min(maxBytes + 1, length * 2) - length)]);
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return { bytes: buffer.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number, maxBytes: number): string {
  return `${size} bytes is too large (limit ${maxBytes})`;
}

function kindOf(stat: ReturnType<typeof fstatSync>): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}
