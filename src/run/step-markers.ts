import { randomBytes } from 'node:crypto';
import { BATCH_END, stepMarker } from './batch-script.js';
import type { OutputChannel } from './output-channel.js';

/**
 * Reading the markers bash prints after each step and after each batch (written by
 * batch-script.ts). The token is random, fresh per shell: nothing a step prints can
 * pass for a marker.
 */
export class StepMarkers {
  readonly token = randomBytes(8).toString('hex');
  readonly #step = stepMarker(this.token);
  /** The marker after a whole batch, as it arrives. */
  readonly batchEnd = `${this.#step}${BATCH_END}\u001e\n`;

  /**
   * Takes the next step's output and its marker out of `channel`, with the status the
   * marker carries (BATCH_END when bash stopped sourcing the batch before that step);
   * undefined while no whole marker is in.
   */
  takeStep(channel: OutputChannel): { status: string; output: string; dropped: number } | undefined {
    const end = channel.find(this.#step);
    const close = end === -1 ? -1 : channel.text.indexOf('\u001e', end + this.#step.length);
    if (close === -1) return undefined;
    const status = channel.text.slice(end + this.#step.length, close);
    const raw = channel.cut(end, close + 2 - end);
    return { status, output: raw.text, dropped: raw.dropped };
  }
}
