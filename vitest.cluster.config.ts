import { defineConfig } from 'vitest/config';

// The cluster tier: notes run live against the real control plane of test/cluster/
// (npm run test:cluster starts it, runs these inside its network namespace, stops it).
// Not part of `npm test`, whose files end in .test.ts.
export default defineConfig({
  test: {
    include: ['test/cluster/live/**/*.cluster.ts'],
    globalSetup: ['test/setup/build.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
