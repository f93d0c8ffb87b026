import { defineConfig } from 'vitest/config'

// `.ci/run` sets GAUNTLET_TEST_JSON to a file path to get machine-readable counts for its closing line.
const jsonReport = process.env.GAUNTLET_TEST_JSON

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration and e2e tests start real loopback servers and subprocesses; two workers fit a 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
})
