import type { CommandStep } from '../model.js';

const MIN_REDRAW_MS = 50;

/**
 * One live line on a terminal saying which steps run and for how long. Silent when
 * stderr is not a terminal or under CI / pre-commit, where a spinner is only noise.
 */
export class Progress {
  readonly #stream: NodeJS.WriteStream;
  readonly #enabled: boolean;
  readonly #running = new Map<string, { where: string; command: string; since: number; waitingFor?: string }>();
  #timer: NodeJS.Timeout | undefined;
  #drawn = -Infinity;
  #paused = false;

  constructor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv) {
    this.#stream = stream;
    this.#enabled = stream.isTTY === true && !env.CI && !env.PRE_COMMIT && env.TERM !== 'dumb';
  }

  step(file: string, step: CommandStep): void {
    if (!this.#enabled) return;
    const now = performance.now();
    this.#running.set(file, { where: `${file}:${step.line}`, command: step.command.split('\n')[0], since: now });
    if (this.#paused) return;
    // The steps of a batch start one after another in microseconds: nobody reads lines that fast.
    if (now - this.#drawn >= MIN_REDRAW_MS) this.#draw();
    this.#timer ??= setInterval(() => this.#draw(), 200);
  }

  /** The running step waits for the cluster: say what for (`pulling kiamol/ch03-sleep 23 s`). */
  waiting(file: string, waitingFor: string): void {
    const running = this.#running.get(file);
    if (!this.#enabled || !running) return;
    running.waitingFor = waitingFor;
    this.#draw();
  }

  done(file: string): void {
    this.#running.delete(file);
    this.clear();
  }

  /**
   * Wipes the line and draws nothing until `resume`: a question asked meanwhile (`--update
   * -i`) must not be drawn over, nor a ticking timer mixed into the answer being typed.
   */
  pause(): void {
    this.#paused = true;
    this.clear();
  }

  resume(): void {
    this.#paused = false;
    if (this.#enabled && this.#running.size > 0) {
      this.#draw();
      this.#timer ??= setInterval(() => this.#draw(), 200);
    }
  }

  /** Wipes the line so a report can be printed; the next step draws it again. */
  clear(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#enabled) this.#stream.write('\r\u001b[K');
  }

  #draw(): void {
    const now = performance.now();
    this.#drawn = now;
    // What a step waits for comes before its command: a narrow terminal cuts the end of the line.
    const parts = [...this.#running.values()].map(
      ({ where, command, since, waitingFor }) => `${where} ${waitingFor ? `waiting: ${waitingFor} · ` : ''}${command} ${((now - since) / 1000).toFixed(1)} s`,
    );
    const width = (this.#stream.columns ?? 80) - 4;
    const line = parts.join(' | ');
    this.#stream.write(`\r\u001b[K… ${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
  }
}
