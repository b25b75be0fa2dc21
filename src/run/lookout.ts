import type { ClusterWatch, Outlook } from './cluster-watch.js';

/**
 * A step that waits this long gets its first look at the cluster; a quicker one costs
 * nothing. A `kubectl wait` on a warm cluster answers in well under a second, even on a
 * busy machine in a few.
 */
const FIRST_LOOK_AFTER_MS = 5000;
/** Looks are this far apart at least: the calls stay bounded however long the wait. */
const LOOK_EVERY_MS = 2000;

/**
 * Watches the cluster for one step that waits on it: what it is waiting for (said to
 * `say`, for the progress line), whether that is still starting, whether it failed for
 * good, and whether anything in the namespace moved between two looks.
 */
export class Lookout {
  readonly #watch: ClusterWatch;
  readonly #say: (waitingFor: string) => void;
  #last: { at: number; outlook: Outlook } | undefined;
  #before: Outlook | undefined;
  #asking: Promise<Outlook> | undefined;

  constructor(watch: ClusterWatch, say: (waitingFor: string) => void) {
    this.#watch = watch;
    this.#say = say;
  }

  /** Looks now and then while `running` lasts; `failing` hears of pods that failed for good as soon as a look sees them. */
  async during<T>(running: Promise<T>, failing?: (why: string) => void): Promise<T> {
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const look = async () => {
      const outlook = await this.current();
      if (done) return;
      if (outlook.kind === 'failing' && failing) failing(outlook.why);
      else timer = setTimeout(() => void look(), LOOK_EVERY_MS);
    };
    timer = setTimeout(() => void look(), FIRST_LOOK_AFTER_MS);
    try {
      return await running;
    } finally {
      done = true;
      clearTimeout(timer);
    }
  }

  async stillStarting(): Promise<boolean> {
    return (await this.current()).kind === 'starting';
  }

  /** The latest look, or a new one when it is older than LOOK_EVERY_MS. */
  async current(): Promise<Outlook> {
    if (this.#last && Date.now() - this.#last.at < LOOK_EVERY_MS) return this.#last.outlook;
    return this.look();
  }

  /** A new look (or the one under way). */
  async look(): Promise<Outlook> {
    this.#asking ??= this.#watch.outlook().finally(() => (this.#asking = undefined));
    const outlook = await this.#asking;
    if (this.#last?.outlook !== outlook) this.#before = this.#last?.outlook;
    this.#last = { at: Date.now(), outlook };
    if (outlook.kind === 'starting') this.#say(outlook.waitingFor);
    return outlook;
  }

  /**
   * Whether the namespace held still between the last two looks: nothing starting or
   * ending, no controller at work, nothing written. Unknown (no two looks, a cluster that
   * did not answer) is not still.
   */
  heldStill(): boolean {
    const [before, last] = [this.#before, this.#last?.outlook];
    if (!before || !last) return false;
    const still = (outlook: Outlook) => (outlook.kind === 'settled' || outlook.kind === 'failing') && outlook.moving === undefined && outlook.state !== undefined;
    return still(before) && still(last) && before.state === last.state;
  }
}
