import { defineConfig } from 'vitest/config'

// Integration tests talk to the service the stage started (KV_URL); they run one file at a time.
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.mjs'],
    reporters: ['default', 'junit'],
    outputFile: { junit: 'reports/integration.xml' },
    fileParallelism: false,
  },
})
