// The run's time limits, declared once: the command-line option, the config file's key
// (both in seconds) and the default of each. cli/ parses them, config/ reads and resolves
// them, run/ obeys them.

export interface TimeLimit {
  /** The command-line option, without `--`. */
  option: string;
  /** The config file's key. */
  configKey: string;
  defaultMs: number;
  /** 0 on the command line turns it off (no converging, no waiting for pulls); the others need some time. */
  zeroAllowed: boolean;
}

export const TIME_LIMITS = {
  /** How long one step may run. */
  stepTimeoutMs: { option: 'timeout', configKey: 'timeout', defaultMs: 60_000, zeroAllowed: false },
  /** How long the whole note may run. */
  noteTimeoutMs: { option: 'note-timeout', configKey: 'noteTimeout', defaultMs: 900_000, zeroAllowed: false },
  /** How long a long-running command (port-forward, logs -f) runs before it is stopped. */
  graceMs: { option: 'grace', configKey: 'grace', defaultMs: 3_000, zeroAllowed: false },
  /** How long a read-only step whose output does not match yet is run again. */
  convergeMs: { option: 'converge', configKey: 'converge', defaultMs: 10_000, zeroAllowed: true },
  /** How long such a step keeps converging while the run's pods are still starting (pulling images). */
  pullTimeoutMs: { option: 'pull-timeout', configKey: 'pullTimeout', defaultMs: 300_000, zeroAllowed: true },
} as const satisfies Record<string, TimeLimit>;

export type TimeLimitName = keyof typeof TIME_LIMITS;
export type TimeLimits = Record<TimeLimitName, number>;
export type TimeLimitOption = (typeof TIME_LIMITS)[TimeLimitName]['option'];
export type TimeLimitConfigKey = (typeof TIME_LIMITS)[TimeLimitName]['configKey'];

export const TIME_LIMIT_NAMES = Object.keys(TIME_LIMITS) as TimeLimitName[];

/** Node's timers hold at most 2^31 - 1 ms (24.8 days); a longer one fires at once. */
export const MAX_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** Just the time limits of a larger settings object, to hand to the stage that obeys them. */
export function timeLimitsOf(settings: TimeLimits): TimeLimits {
  return Object.fromEntries(TIME_LIMIT_NAMES.map((name) => [name, settings[name]])) as TimeLimits;
}

/** `60` for the help text: a default as the user types it. */
export function defaultSeconds(name: TimeLimitName): number {
  return TIME_LIMITS[name].defaultMs / 1000;
}
