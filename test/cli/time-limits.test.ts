import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOptions, USAGE } from '../../src/cli/options.js';
import { loadConfig } from '../../src/config/load-config.js';
import { resolveSettings } from '../../src/config/settings.js';
import { TIME_LIMIT_NAMES, TIME_LIMITS, timeLimitsOf } from '../../src/time-limits.js';

// The time limits are declared once (TIME_LIMITS): each one's option, config key and
// default must reach the settings a run obeys, and the help must say that default.

async function settingsWith(argv: string[], configText?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'notes-run-limits-'));
  if (configText !== undefined) writeFileSync(join(dir, 'notes-run.config.yaml'), configText);
  return resolveSettings(parseOptions([...argv, 'n.md']), await loadConfig(undefined, dir));
}

describe('the time limits table', () => {
  it('gives every limit its default when neither the command line nor the config sets it', async () => {
    const settings = await settingsWith([], '');
    expect(timeLimitsOf(settings)).toEqual({ stepTimeoutMs: 60_000, noteTimeoutMs: 900_000, graceMs: 3_000, convergeMs: 10_000, pullTimeoutMs: 300_000 });
  });

  it.each(TIME_LIMIT_NAMES)('%s: its config key sets it, its option wins over the config', async (name) => {
    const { option, configKey } = TIME_LIMITS[name];
    expect((await settingsWith([], `${configKey}: 7\n`))[name]).toBe(7_000);
    expect((await settingsWith([`--${option}`, '2'], `${configKey}: 7\n`))[name]).toBe(2_000);
    // The others keep their defaults: one key sets one limit.
    const others = TIME_LIMIT_NAMES.filter((other) => other !== name);
    const settings = await settingsWith([], `${configKey}: 7\n`);
    for (const other of others) expect(settings[other]).toBe(TIME_LIMITS[other].defaultMs);
  });

  it.each(TIME_LIMIT_NAMES)('%s: the help names its option and says its default', (name) => {
    const { option, defaultMs } = TIME_LIMITS[name];
    const line = USAGE.split('\n').findIndex((text) => text.trimStart().startsWith(`--${option} SEC`));
    expect(line).toBeGreaterThan(-1);
    // A long description wraps onto the next line; the default closes it.
    expect(USAGE.split('\n').slice(line, line + 2).join(' ')).toContain(`(default ${defaultMs / 1000})`);
  });

  it('refuses 0 only where 0 means nothing could run', () => {
    for (const name of TIME_LIMIT_NAMES) {
      const { option, zeroAllowed } = TIME_LIMITS[name];
      const parse = () => parseOptions([`--${option}`, '0', 'n.md']);
      if (zeroAllowed) expect(parse()[name]).toBe(0);
      else expect(parse).toThrow(`--${option} takes a number of seconds, not "0"`);
    }
  });

  it('names the config keys among the known settings', async () => {
    await expect(settingsWith([], 'timeuot: 3\n')).rejects.toThrow('unknown setting "timeuot" (known: contexts, timeout, noteTimeout, grace, converge, pullTimeout, skip, tolerances, notes)');
  });
});
