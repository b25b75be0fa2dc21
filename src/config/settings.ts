import { dirname, relative, resolve } from 'node:path';
import { builtinTolerances } from '../compare/tolerances/registry.js';
import type { Tolerance } from '../compare/tolerances/tolerance.js';
import type { CommandStep } from '../model.js';
import { TIME_LIMIT_NAMES, TIME_LIMITS, type TimeLimitName, type TimeLimits } from '../time-limits.js';
import type { Config } from './load-config.js';

/** Everything a run needs to know, command line over config file over defaults; the time limits are those of `TIME_LIMITS`. */
export interface Settings extends TimeLimits {
  allowedContexts: string[];
  tolerances: readonly Tolerance[];
  skipReason: (step: CommandStep) => string | undefined;
  /** The working directory and namespace for one note. */
  forNote: (file: string) => { cwd: string; namespace?: string };
}

/** What the command line says about the settings (the time limits of `TIME_LIMITS` among them); anything left out comes from the config file or the defaults. */
export interface GivenSettings extends Partial<TimeLimits> {
  cwd?: string;
  namespace?: string;
}

export function resolveSettings(options: GivenSettings, config: Config): Settings {
  const ms = (name: TimeLimitName) => {
    const configured = config.timeLimitSeconds[name];
    return options[name] ?? (configured !== undefined ? configured * 1000 : TIME_LIMITS[name].defaultMs);
  };
  const base = config.file ? dirname(config.file) : process.cwd();
  return {
    ...(Object.fromEntries(TIME_LIMIT_NAMES.map((name) => [name, ms(name)])) as TimeLimits),
    allowedContexts: config.contexts,
    // A user's placeholder is the most specific rule there is: it claims its values first.
    tolerances: [...config.tolerances, ...builtinTolerances],
    skipReason: (step) => config.skip.find((rule) => rule.pattern.test(step.command))?.reason,
    forNote: (file) => {
      const own = config.notes[relative(base, resolve(file))] ?? {};
      const cwd = options.cwd ?? (own.cwd ? resolve(base, own.cwd) : dirname(file));
      const namespace = options.namespace ?? own.namespace;
      return { cwd: resolve(cwd), ...(namespace ? { namespace } : {}) };
    },
  };
}
