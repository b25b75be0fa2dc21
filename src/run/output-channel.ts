/**
 * Output read from the note's shell, capped so that a step printing without end
 * cannot exhaust memory: past twice the cap, the middle goes and is counted, the head
 * stays for the report and the tail for the marker that ends the step.
 */
const SEPARATOR = '\u001e';

export class OutputChannel {
  text = '';
  dropped = 0;
  /** Characters received since the last step was taken out, dropped or not: what a step's cap counts. */
  received = 0;
  /** Where the next search for a marker starts: the text before it was searched already. */
  #searchFrom = 0;
  /**
   * Whether the text may hold a marker: one starts with the record separator. Looking into
   * megabytes of text joins its chunks into one string first, on every chunk that arrives.
   */
  #separatorSeen = false;
  readonly #max: number;

  constructor(maxOutput: number) {
    this.#max = maxOutput;
  }

  append(text: string): void {
    this.text += text;
    this.received += text.length;
    if (!this.#separatorSeen && text.includes(SEPARATOR)) this.#separatorSeen = true;
    if (this.text.length > this.#max * 2) {
      const keepTail = 4096;
      this.dropped += this.text.length - this.#max - keepTail;
      this.text = this.text.slice(0, this.#max) + this.text.slice(-keepTail);
      this.#searchFrom = Math.min(this.#searchFrom, this.#max);
    }
  }

  /**
   * Where `marker` first occurs, or -1. A step printing megabytes arrives in thousands of
   * chunks; searching all of it again on each would make reading it quadratic.
   */
  find(marker: string): number {
    if (!this.#separatorSeen) return -1;
    const at = this.text.indexOf(marker, this.#searchFrom);
    if (at === -1) this.#searchFrom = Math.max(0, this.text.length - marker.length);
    return at;
  }

  /** Takes `marker` out where it first occurs, if it does. */
  remove(marker: string): boolean {
    const at = this.text.indexOf(marker);
    if (at === -1) return false;
    this.text = this.text.slice(0, at) + this.text.slice(at + marker.length);
    this.#searchFrom = 0;
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
    this.received = this.text.length;
    this.#searchFrom = 0;
    this.#separatorSeen = this.text.includes(SEPARATOR);
    return taken;
  }
}
