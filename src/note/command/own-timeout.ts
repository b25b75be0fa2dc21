const GO_DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `--timeout=1m30s`, `--timeout 90s` (a Go duration, as kubectl and helm take it) in milliseconds. */
export function ownTimeoutMs(command: string): number | undefined {
  const duration = /--timeout[= ]((?:\d+(?:\.\d+)?(?:ms|h|m|s))+)(?!\S)/.exec(command)?.[1];
  if (duration === undefined) return undefined;
  let ms = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) ms += Number(amount) * GO_DURATION_UNITS_MS[unit];
  return ms;
}
