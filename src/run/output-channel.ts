/**
 * Output read from the note's shell, capped so that a step printing without end
 * cannot exhaust memory: past twice the cap, the middle goes and is counted, the head
 * stays for the report and the tail for the marker that ends the step.
 */
export class OutputChannel {
  text = '';
  dropped = 0;
  readonly #max: number;

  constructor(maxOutput: number) {
    this.#max = maxOutput;
  }

  append(text: string): void {
    this.text += text;
    if (this.text.length > this.#max * 2) {
      const keepTail = 4096;
      this.dropped += this.text.length - this.#max - keepTail;
      this.text = this.text.slice(0, this.#max) + this.text.slice(-keepTail);
    }
  }

  /** Takes `marker` out where it first occurs, if it does. */
  remove(marker: string): boolean {
    const at = this.text.indexOf(marker);
    if (at === -1) return false;
    this.text = this.text.slice(0, at) + this.text.slice(at + marker.length);
    return true;
  }

  takeAll(): string {
    return this.cut(this.text.length, 0).text;
  }

  /** Takes out the text up to `end` and `skip` characters more: one step's output and its marker. */
  cut(end: number, skip: number): { text: string; dropped: number } {
    const taken = { text: this.text.slice(0, end), dropped: this.dropped };
    this.text = this.text.slice(end + skip);
    this.dropped = 0;
    return taken;
  }
}
