import { dirname, relative, resolve } from 'node:path';
import { builtinTolerances } from '../compare/tolerances/registry.js';
import type { Tolerance } from '../compare/tolerances/tolerance.js';
import type { CommandStep } from '../model.js';
import type { Config } from './load-config.js';

/** Everything a run needs to know, command line over config file over defaults. */
export interface Settings {
  stepTimeoutMs: number;
  noteTimeoutMs: number;
  graceMs: number;
  convergeMs: number;
  /** How long a read-only step keeps converging while the run's pods are still starting. */
  pullTimeoutMs: number;
  allowedContexts: string[];
  tolerances: readonly Tolerance[];
  skipReason: (step: CommandStep) => string | undefined;
  /** The working directory and namespace for one note. */
  forNote: (file: string) => { cwd: string; namespace?: string };
}

/** What the command line says about the settings; anything left out comes from the config file or the defaults. */
export interface GivenSettings {
  stepTimeoutMs?: number;
  noteTimeoutMs?: number;
  graceMs?: number;
  convergeMs?: number;
  pullTimeoutMs?: number;
  cwd?: string;
  namespace?: string;
}

export function resolveSettings(options: GivenSettings, config: Config): Settings {
  const ms = (flag: number | undefined, configured: number | undefined, fallback: number) => flag ?? (configured !== undefined ? configured * 1000 : fallback);
  const base = config.file ? dirname(config.file) : process.cwd();
  return {
    stepTimeoutMs: ms(options.stepTimeoutMs, config.timeoutSeconds, 60_000),
    noteTimeoutMs: ms(options.noteTimeoutMs, config.noteTimeoutSeconds, 900_000),
    graceMs: ms(options.graceMs, config.graceSeconds, 3_000),
    convergeMs: ms(options.convergeMs, config.convergeSeconds, 10_000),
    pullTimeoutMs: ms(options.pullTimeoutMs, config.pullTimeoutSeconds, 300_000),
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
