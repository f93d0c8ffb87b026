import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration and e2e tests start real loopback servers and subprocesses; two workers fit a 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
  },
})
