import { defineConfig } from 'vitest/config'

// The example's own vitest config: unit tests by default; the integration stage passes its own include.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.mjs'],
    reporters: ['default', 'junit'],
    outputFile: { junit: 'reports/unit.xml' },
  },
})
