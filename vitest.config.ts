import { defineConfig } from 'vitest/config';

// Two projects share one tsc build (the root's globalSetup runs once for both):
// - unit: tests of the modules themselves, in threads, which start in milliseconds;
// - e2e: tests that start processes (the CLI from dist/, the kubectl double, bash, git),
//   in forks of their own so a child's signals, cwd and environment stay in that file.
const e2e = [
  'test/e2e/**/*.test.ts',
  'test/faults/**/*.test.ts',
  'test/double.test.ts',
  'test/double-states/**/*.test.ts',
  'test/contract/**/*.test.ts',
  'test/ci/**/*.test.ts',
  'test/cluster/pod-exec.test.ts',
  'test/run/process-tree.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/setup/build.ts'],
    // Most of the e2e files' time is spent waiting on children: three at once even on two cores.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: e2e,
          pool: 'threads',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: e2e,
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
