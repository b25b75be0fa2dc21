import { splitCommandLine } from './command-line.js';

const GO_DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** `sleep` and `timeout` (coreutils, BusyBox) take seconds, or a number with s, m, h or d. */
const SHELL_DURATION = /^(\d+(?:\.\d+)?)([smhd]?)$/;
const SHELL_UNITS_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * How long the command says it takes, in milliseconds: the time limit it sets itself
 * (`--timeout=1m30s`, `--timeout 90s`, a Go duration as kubectl and helm take it; the
 * `timeout N` it runs under) and the time it sleeps (`sleep 120`), added up.
 */
export function ownTimeoutMs(command: string): number | undefined {
  const durations = [flagTimeoutMs(command), ...splitCommandLine(command).commands.map(statedMs)].filter((ms): ms is number => ms !== undefined);
  return durations.length === 0 ? undefined : durations.reduce((sum, ms) => sum + ms, 0);
}

function flagTimeoutMs(command: string): number | undefined {
  const duration = /--timeout[= ]((?:\d+(?:\.\d+)?(?:ms|h|m|s))+)(?!\S)/.exec(command)?.[1];
  if (duration === undefined) return undefined;
  let ms = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) ms += Number(amount) * GO_DURATION_UNITS_MS[unit];
  return ms;
}

/** `sleep 2m 30`, `timeout -s INT 30 ping x`: what one simple command says it takes. */
function statedMs(words: string[]): number | undefined {
  const [program, ...args] = words;
  if (program === 'sleep') {
    const each = args.map(shellDurationMs);
    return each.length > 0 && each.every((ms) => ms !== undefined) ? each.reduce((sum: number, ms) => sum + ms!, 0) : undefined;
  }
  if (program === 'timeout') {
    let i = 0;
    while (i < args.length && args[i].startsWith('-')) i += /^(-s|--signal|-k|--kill-after)$/.test(args[i]) ? 2 : 1;
    return args[i] === undefined ? undefined : shellDurationMs(args[i]);
  }
  return undefined;
}

function shellDurationMs(word: string): number | undefined {
  const found = SHELL_DURATION.exec(word);
  return found ? Number(found[1]) * SHELL_UNITS_MS[found[2]] : undefined;
}
