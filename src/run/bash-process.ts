import { StringDecoder } from 'node:string_decoder';
import { execa, type ResultPromise } from 'execa';
import { descendantsOf, killGroup } from './process-tree.js';

/**
 * The note's bash: no profile or rc file, none of the user's BASH_ENV, in a process
 * group of its own so that ending it ends what it started. Its output comes as text,
 * standard output decoded as a stream so a character split between chunks stays whole
 * (the prelude sends standard error there too).
 */
export class BashProcess {
  readonly #process: ResultPromise;
  #dead = false;

  constructor(options: { cwd: string; env: Record<string, string | undefined> }, onOutput: (text: string) => void, onEnd: () => void) {
    this.#process = execa('bash', ['--noprofile', '--norc'], {
      cwd: options.cwd,
      env: { ...options.env, BASH_ENV: undefined, ENV: undefined },
      extendEnv: false,
      detached: true,
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
    });
    const decoder = new StringDecoder('utf8');
    this.#process.stdout!.on('data', (chunk: Buffer) => onOutput(decoder.write(chunk)));
    this.#process.stderr!.on('data', (chunk: Buffer) => onOutput(chunk.toString('utf8')));
    this.#process.stdin!.on('error', () => undefined);
    void this.#process.then(() => {
      this.#dead = true;
      onEnd();
    });
  }

  get pid(): number {
    return this.#process.pid!;
  }

  get alive(): boolean {
    return !this.#dead;
  }

  write(text: string): void {
    this.#process.stdin!.write(text);
  }

  /** Ends the shell and everything it started, background jobs included. */
  kill(): void {
    const pid = this.#process.pid;
    if (pid !== undefined) {
      for (const child of descendantsOf(pid)) killGroup(child);
      killGroup(pid);
    }
    this.#dead = true;
  }

  /** Resolves once the process is gone. */
  async ended(): Promise<void> {
    await this.#process.catch(() => undefined);
  }
}
