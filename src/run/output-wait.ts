/**
 * The one wait the session has at a time, for new output or the shell's end: whoever
 * reads output (a step, the batch's end, late output) waits here, and whatever brings
 * news (output, a timer, the shell exiting) rings.
 */
export class OutputWait {
  #resolve: (() => void) | undefined;

  next(): Promise<void> {
    return new Promise<void>((resolve) => (this.#resolve = resolve));
  }

  ring(): void {
    this.#resolve?.();
  }

  clear(): void {
    this.#resolve = undefined;
  }
}
