import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'kernel/**/*.test.ts',
      'sdk/**/*.test.ts',
      'plugins/**/*.test.ts',
      'bin/**/*.test.ts',
      'test/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // End-to-end tests spawn real gateway processes; 2 cores, so keep parallelism modest.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
