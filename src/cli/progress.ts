import type { CommandStep } from '../model.js';

/**
 * One live line on a terminal saying which step runs and for how long. Silent when
 * stderr is not a terminal or under CI / pre-commit, where a spinner is only noise.
 */
export class Progress {
  readonly #stream: NodeJS.WriteStream;
  readonly #enabled: boolean;
  #timer: NodeJS.Timeout | undefined;
  #label = '';
  #since = 0;

  constructor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv) {
    this.#stream = stream;
    this.#enabled = stream.isTTY === true && !env.CI && !env.PRE_COMMIT && env.TERM !== 'dumb';
  }

  step(file: string, step: CommandStep): void {
    if (!this.#enabled) return;
    const command = step.command.split('\n')[0];
    this.#label = `${file}:${step.line} ${command}`;
    this.#since = performance.now();
    this.#draw();
    this.#timer ??= setInterval(() => this.#draw(), 200);
  }

  #draw(): void {
    const seconds = ((performance.now() - this.#since) / 1000).toFixed(1);
    const width = (this.#stream.columns ?? 80) - 12;
    const label = this.#label.length > width ? `${this.#label.slice(0, width - 1)}…` : this.#label;
    this.#stream.write(`\r\u001b[K… ${label} ${seconds} s`);
  }

  clear(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#enabled) this.#stream.write('\r\u001b[K');
  }
}
