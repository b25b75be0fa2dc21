import { signal } from './process-tree.js';

/** A stopped step's processes get this long after SIGTERM before SIGKILL. */
const KILL_AFTER_MS = 700;
/** The shell stayed busy after its children were killed (a loop in bash itself). */
const SHELL_STUCK_MS = 2000;

/** Why a running step was stopped: its time limit, on purpose (long-running), or for writing too much. */
export type StopReason = 'timeout' | 'stop' | 'overflow';

export interface StepLimits {
  timeoutMs: number;
  /** Stop the command after this long (a long-running command) and call it a success. */
  stopAfterMs?: number;
}

/**
 * The time limits of one step and how it is stopped: SIGTERM to the processes it
 * started, SIGKILL to them a little later, and past that the shell itself, which is
 * then running the loop. The shell survives a step stopped in time, with its variables
 * and `cd`.
 */
export class StepStop {
  /** Why the step was stopped, once it was. */
  reason: StopReason | undefined;
  readonly #startedHere: () => number[];
  readonly #killShell: () => void;
  readonly #timers: NodeJS.Timeout[] = [];
  #armed = false;

  /** `startedHere`: the processes the step started; `killShell`: the last resort. */
  constructor(startedHere: () => number[], killShell: () => void) {
    this.#startedHere = startedHere;
    this.#killShell = killShell;
  }

  get stopping(): boolean {
    return this.reason !== undefined;
  }

  /** Starts the step's clocks, once: only a step that has to wait needs them, and in a batch most are done at once. */
  arm(limits: StepLimits): void {
    if (this.#armed) return;
    this.#armed = true;
    this.#timers.push(setTimeout(() => this.stop('timeout'), limits.timeoutMs));
    if (limits.stopAfterMs !== undefined) this.#timers.push(setTimeout(() => this.stop('stop'), limits.stopAfterMs));
  }

  stop(why: StopReason): void {
    if (this.stopping) return;
    this.reason = why;
    this.#armed = true;
    signal(this.#startedHere(), 'SIGTERM');
    this.#timers.push(setTimeout(() => signal(this.#startedHere(), 'SIGKILL'), KILL_AFTER_MS));
    this.#timers.push(setTimeout(() => this.#killShell(), KILL_AFTER_MS + SHELL_STUCK_MS));
  }

  clear(): void {
    for (const timer of this.#timers) clearTimeout(timer);
  }
}
