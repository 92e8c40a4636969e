import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: two workers keep the machine responsive and the suite fast.
    maxWorkers: 2,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
