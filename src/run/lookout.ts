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
 * `say`, for the progress line) and whether that is still starting.
 */
export class Lookout {
  readonly #watch: ClusterWatch;
  readonly #say: (waitingFor: string) => void;
  #last: { at: number; outlook: Outlook } | undefined;
  #asking: Promise<Outlook> | undefined;

  constructor(watch: ClusterWatch, say: (waitingFor: string) => void) {
    this.#watch = watch;
    this.#say = say;
  }

  /** Looks now and then while `running` lasts. */
  async during<T>(running: Promise<T>): Promise<T> {
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const look = async () => {
      await this.current();
      if (!done) timer = setTimeout(() => void look(), LOOK_EVERY_MS);
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
    this.#asking ??= this.#watch.outlook().finally(() => (this.#asking = undefined));
    const outlook = await this.#asking;
    this.#last = { at: Date.now(), outlook };
    if (outlook.kind === 'starting') this.#say(outlook.waitingFor);
    return outlook;
  }
}
