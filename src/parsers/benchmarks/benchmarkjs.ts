/**
 * Benchmark.js console output: `<name> x 1,234 ops/sec ±0.74% (93 runs sampled)`. The name is everything
 * before the last ` x ` (names may contain ` x `); `range` is the `±…%` text, `extra` is `<n> samples`.
 */
import type { ParsedMetric } from '../../model/metric.js'
import { buildMetric } from './build-metric.js'
import type { FormatOutput } from './format-parser.js'

const AFTER_NAME = /^ x ([0-9,.]+)\s+(\S+)\s+((?:±|\+-)[^%]+%) \((\d+) runs sampled\)$/

/** Splits `<name> x <value> <unit> ±<pct>% (<n> runs sampled)`, or undefined for any other line. */
export function matchBenchmarkJsLine(
  line: string,
): { name: string; valueText: string; unit: string; range: string; runs: string } | undefined {
  const at = line.lastIndexOf(' x ')
  if (at === -1) return undefined
  const m = AFTER_NAME.exec(line.slice(at))
  if (!m) return undefined
  const [, valueText = '', unit = '', range = '', runs = ''] = m
  return { name: line.slice(0, at), valueText, unit, range, runs }
}

/** Parses Benchmark.js output. */
export function parseBenchmarkJs(_file: string, content: string): FormatOutput {
  const metrics: ParsedMetric[] = []
  for (const line of content.split(/\r?\n/)) {
    const m = matchBenchmarkJsLine(line)
    if (!m) continue
    const { name, valueText, unit, range, runs } = m
    metrics.push(
      buildMetric({
        name,
        value: Number.parseFloat(valueText.replace(/,/g, '')),
        unit,
        range,
        extra: `${runs} samples`,
      }),
    )
  }
  return { metrics }
}
