// A parser bug (any error other than BenchmarkParseError) still reaches callers as a BenchmarkParseError.
import { describe, expect, it, vi } from 'vitest'
import type * as CargoModule from '../../../../src/parsers/benchmarks/cargo.js'
import { BenchmarkParseError, parseBenchmarkOutput } from '../../../../src/parsers/benchmarks/index.js'

vi.mock('../../../../src/parsers/benchmarks/cargo.js', async (importOriginal) => ({
  ...(await importOriginal<typeof CargoModule>()),
  parseCargo: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'x')")
  },
}))

describe('unexpected parser failures', () => {
  it('are wrapped with the file, the format and the cause', () => {
    let caught: unknown
    try {
      parseBenchmarkOutput('c.txt', 'test a ... bench: 1 ns/iter (+/- 1)\n', 'cargo')
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(BenchmarkParseError)
    const err = caught as BenchmarkParseError
    expect(err.file).toBe('c.txt')
    expect(err.reason).toBe("the 'cargo' parser failed: Cannot read properties of undefined (reading 'x')")
    expect(err.cause).toBeInstanceOf(TypeError)
  })
})
