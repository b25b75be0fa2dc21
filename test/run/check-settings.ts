import type { CheckSettings } from '../../src/check/check-note.js';
import { builtinTolerances } from '../../src/compare/tolerances/registry.js';
import { TIME_LIMITS } from '../../src/time-limits.js';

// What the runner's tests run notes with: a UTF-8 shell, short limits so a hung step
// ends a test quickly, no converging unless a test asks for it.

export const fence = (body: string) => `\`\`\`bash\n${body}\n\`\`\`\n`;

export function checkSettings(cwd: string, overrides: Partial<CheckSettings> = {}): CheckSettings {
  return {
    cwd,
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
    stepTimeoutMs: 5000,
    noteTimeoutMs: 30_000,
    graceMs: 500,
    convergeMs: 0,
    pullTimeoutMs: TIME_LIMITS.pullTimeoutMs.defaultMs,
    compare: { tolerances: builtinTolerances },
    ...overrides,
  };
}
