import { abandon } from '../cleanup/leftovers.js';

// Every way a run can be told to stop ends the same way: what runs is stopped, the run
// namespaces and temporary files are removed, and the steps that ran are reported.
// Ctrl-C, `kill`, a closed terminal (SIGHUP) and a reader that went away (`| head -1`,
// EPIPE) differ only in the exit status and in whether anyone is left to read a report.

const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type Signal = keyof typeof SIGNALS;

export type StopReason = Signal | 'EPIPE';

export class Interruption {
  readonly #controller = new AbortController();
  readonly #stderr: NodeJS.WritableStream;
  readonly #handlers = new Map<Signal, () => void>();
  #reason: StopReason | undefined;

  constructor(stderr: NodeJS.WritableStream) {
    this.#stderr = stderr;
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get reason(): StopReason | undefined {
    return this.#reason;
  }

  /** 128 + the signal's number, as a shell reports a command a signal ended; SIGPIPE's for a closed reader. */
  get exitCode(): number {
    return this.#reason === 'EPIPE' ? 141 : SIGNALS[this.#reason ?? 'SIGINT'];
  }

  listen(): void {
    process.once('exit', this.#onExit);
    for (const name of Object.keys(SIGNALS) as Signal[]) {
      const handler = () => this.stop(name);
      this.#handlers.set(name, handler);
      process.on(name, handler);
    }
  }

  /** However the process ends, temporary kubeconfigs and shells do not outlive it. */
  readonly #onExit = () => void abandon();

  close(): void {
    process.off('exit', this.#onExit);
    for (const [name, handler] of this.#handlers) process.off(name, handler);
    this.#handlers.clear();
  }

  /** The first request stops the run and lets it clean up; a second one leaves now, naming what stays behind. */
  stop(reason: StopReason): void {
    if (!this.#reason) {
      this.#reason = reason;
      this.#controller.abort();
      return;
    }
    if (reason === 'EPIPE') return;
    const left = abandon();
    const what = left.length === 0 ? 'nothing is left behind' : `left behind: ${left.join(', ')}`;
    const hint = left.some((item) => item.startsWith('namespace')) ? ' (`notes-run clean` removes run namespaces later)' : '';
    this.#stderr.write(`\nnotes-run: interrupted again, cleanup stopped; ${what}${hint}\n`);
    process.exit(SIGNALS[reason]);
  }
}
