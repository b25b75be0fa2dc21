import { closeSync, fstatSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/**
 * The file a batch of steps writes its output to. bash writing to a pipe that Node
 * reads as it fills pays for a wake-up of the reader on every write, twice a step;
 * writing to a file it does not, and the file is read every few milliseconds instead.
 */
export class BatchOutputFile {
  readonly path: string;
  /** Bytes read so far. */
  #position = 0;
  readonly #fd: number;
  readonly #decoder = new StringDecoder('utf8');
  readonly #chunk = Buffer.alloc(1 << 16);

  constructor(dir: string, batch: number) {
    this.path = join(dir, `output-${batch}`);
    writeFileSync(this.path, '');
    this.#fd = openSync(this.path, 'r');
  }

  /** What was written since the last read, up to `max` bytes of it: a step that writes without end is read in parts. */
  read(max = 1 << 20): string {
    let text = '';
    for (let bytes, total = 0; total < max && (bytes = readSync(this.#fd, this.#chunk, 0, this.#chunk.length, this.#position)) > 0; total += bytes) {
      this.#position += bytes;
      text += this.#decoder.write(this.#chunk.subarray(0, bytes));
    }
    return text;
  }

  /** Bytes written so far, read or not. */
  size(): number {
    return fstatSync(this.#fd).size;
  }

  close(): void {
    closeSync(this.#fd);
    rmSync(this.path, { force: true });
  }
}
