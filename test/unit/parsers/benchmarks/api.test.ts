// The public surface others rely on: format names, config agreement, report shape.
import { describe, expect, it } from 'vitest'
import { RESULT_FORMATS } from '../../../../src/config/sections/stages.js'
import {
  BENCHMARK_FORMATS,
  isBenchmarkFormat,
  parseBenchmarkOutput,
} from '../../../../src/parsers/benchmarks/index.js'

const TEST_FORMATS = ['junit', 'nunit', 'xunit', 'trx', 'mocha-json', 'dart-json']

describe('benchmark formats', () => {
  it('lists exactly the benchmark formats the stage config accepts', () => {
    const fromConfig = RESULT_FORMATS.filter((f) => f !== 'auto' && !TEST_FORMATS.includes(f))
    expect([...BENCHMARK_FORMATS].sort()).toStrictEqual([...fromConfig].sort())
  })

  it.each([
    ['go', true],
    ['vitest-bench', true],
    ['auto', false],
    ['junit', false],
    ['Go', false],
    ['__proto__', false],
  ])('isBenchmarkFormat(%j) = %s', (name, expected) => {
    expect(isBenchmarkFormat(name)).toBe(expected)
  })

  it('rejects prototype keys as unknown tools rather than crashing', () => {
    expect(() => parseBenchmarkOutput('x.txt', 'x', '__proto__' as 'go')).toThrow(
      /Unexpected tool: '__proto__'/,
    )
    expect(() => parseBenchmarkOutput('x.txt', 'x', 'constructor' as 'go')).toThrow(
      /Unexpected tool: 'constructor'/,
    )
  })

  it('omits suite and warnings when the format has none', () => {
    const report = parseBenchmarkOutput('c.txt', 'test a ... bench:   10 ns/iter (+/- 1)\n', 'cargo')
    expect(Object.keys(report)).toStrictEqual(['metrics'])
  })
})

describe('gauntletBenchmarkSchema', () => {
  it('exports as a JSON Schema for editors', async () => {
    const { z } = await import('zod')
    const { gauntletBenchmarkSchema } = await import('../../../../src/parsers/benchmarks/index.js')
    const schema = z.toJSONSchema(gauntletBenchmarkSchema) as unknown as {
      properties: { metrics: { items: { required: string[]; properties: Record<string, unknown> } } }
      additionalProperties: boolean
    }
    expect(schema.additionalProperties).toBe(false)
    expect(schema.properties.metrics.items.required).toStrictEqual(['name', 'unit'])
    expect(Object.keys(schema.properties.metrics.items.properties)).toContain('samples')
  })
})
