/**
 * Luau's `bench.py` runner output: `SUCCESS: <name> : 15.041ms +/- 0.636% on luau`. Fields are
 * whitespace-separated: name = 2nd, value and unit = 4th (`15.041ms`), range = `±` + 6th, extra = 8th.
 * The RESULTS table that follows repeats the same numbers and is ignored.
 */
import type { ParsedMetric } from '../../model/metric.js'
import { buildMetric } from './build-metric.js'
import { BenchmarkParseError } from './errors.js'
import type { FormatOutput } from './format-parser.js'

const VALUE_WITH_UNIT = /^([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)(.*)$/

/** Parses Luau benchmark output. */
export function parseBenchmarkLuau(file: string, content: string): FormatOutput {
  const metrics: ParsedMetric[] = []
  content.split(/\n/).forEach((line, index) => {
    if (!line.startsWith('SUCCESS')) return
    const fields = line.trim().split(/\s+/)
    const name = fields[1]
    const m = VALUE_WITH_UNIT.exec(fields[3] ?? '')
    if (name === undefined || !m) {
      throw new BenchmarkParseError(file, `Luau result line has no '<value><unit>' in its 4th field`, {
        line: index + 1,
        hint: "Expected 'SUCCESS: <name> : <value><unit> +/- <pct>% on <driver>'",
      })
    }
    const range = fields[5]
    const extra = fields[7]
    metrics.push(
      buildMetric({
        name,
        value: Number.parseFloat(m[1] ?? ''),
        unit: m[2] ?? '',
        ...(range === undefined ? {} : { range: `±${range}` }),
        ...(extra === undefined ? {} : { extra }),
      }),
    )
  })
  return { metrics }
}
