import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30000,
    hookTimeout: 60000,
    pool: 'forks',
    // two cores: keep parallelism modest so timing-sensitive server tests stay stable
    maxWorkers: 2,
    reporters: ['default'],
  },
});
