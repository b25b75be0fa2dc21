import { BatchOutputFile } from './batch-output-file.js';
import { OutputChannel } from './output-channel.js';
import type { ShellFacts, StepExecution } from './shell-session.js';

/** A batch file is read soon after bash starts on it, and less often while it stays quiet. */
const FILE_POLL_MS = { first: 1, most: 10 };

/**
 * A batch whose output goes to a file (batch-output-file.ts), read by polling into a
 * channel of its own, and the cap on how much one of its steps may write there.
 */
export class FileBatch {
  readonly output: BatchOutputFile;
  readonly channel: OutputChannel;
  /** The step that ends next was stopped for writing too much. */
  overflowed = false;
  readonly #maxFile: number;
  /** The file size past which the running step is stopped. */
  #stopAt: number;
  #poll: NodeJS.Timeout | undefined;

  /** The longest wait between two reads while the file stays quiet. */
  readonly #quietPollMs: number;

  constructor(dir: string, batch: number, limits: { maxOutput: number; maxFile: number; quietPollMs?: number }) {
    this.output = new BatchOutputFile(dir, batch);
    this.#quietPollMs = limits.quietPollMs ?? FILE_POLL_MS.most;
    this.channel = new OutputChannel(limits.maxOutput);
    this.#maxFile = limits.maxFile;
    this.#stopAt = limits.maxFile;
  }

  /**
   * Reads the file until closed; `stop` when a step writes without end, `onData` when
   * something came. Steps are taken while bash runs the ones after them, each on a core
   * of its own.
   */
  poll(stop: () => void, onData: () => void): void {
    const readSoon = (ms: number) => {
      this.#poll = setTimeout(() => readSoon(this.#read(stop, onData) ? FILE_POLL_MS.first : Math.min(ms * 2, this.#quietPollMs)), ms);
    };
    readSoon(FILE_POLL_MS.first);
  }

  /** Moves what the batch wrote to its file into its channel. False when nothing came. */
  #read(stop: () => void, onData: () => void): boolean {
    const text = this.output.read();
    if (text === '') return false;
    this.channel.append(text);
    const size = this.output.size();
    // A step stopped once is not stopped again before it ends: what it wrote while the
    // signal was on its way is no reason to end the shell, which has nothing left to stop.
    if (size > this.#stopAt && !this.overflowed) {
      this.#stopAt = size + this.#maxFile;
      this.overflowed = true;
      stop();
    }
    onData();
    return true;
  }

  /** Everything the file still holds, into the channel. */
  drain(): void {
    for (let text = this.output.read(); text !== ''; text = this.output.read()) this.channel.append(text);
  }

  close(): void {
    clearTimeout(this.#poll);
    this.output.close();
  }
}

/** Several steps, none fed, watched or leaving a job behind: their output can wait in a file. */
export function throughFile(steps: StepExecution[], facts: ShellFacts[]): boolean {
  return steps.length > 1 && steps.every((step, i) => step.stdin === undefined && !step.stopWhen && step.stopAfterMs === undefined && !facts[i].leavesJob);
}
