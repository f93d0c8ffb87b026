/**
 * Catch2 v2/v3 console benchmark tables. After a header `benchmark name  samples  iterations  estimated`
 * (v2) or `… est run time` (v3) and a `-----` separator, each benchmark takes 3 lines and a blank one:
 *
 *     Fibonacci 20        100     2     8.3712 ms      <- name, samples, iterations, estimate
 *                    41.731 us  41.25 us  42.622 us    <- mean (value, unit), low mean, high mean
 *                     3.256 us  2.163 us   5.353 us    <- std dev → range `± 3.256` (its unit is not converted)
 *
 * `extra` is `<samples> samples\n<iterations> iterations`. A table that breaks this shape is an error with
 * the line number rather than silently dropped rows.
 */
import type { ParsedMetric } from '../../model/metric.js'
import { buildMetric } from './build-metric.js'
import { BenchmarkParseError } from './errors.js'
import type { FormatOutput } from './format-parser.js'

export const CATCH2_HEADER = /^benchmark name +samples +iterations +(estimated|est run time)/
// Upstream's pattern is unanchored; its leftmost match always starts at the beginning of a digit run, so the
// look-behind changes no result and keeps the search linear (a long run of digits was quadratic).
const BENCH_START = /(?<!\d)(\d+) +(\d+) +(?:\d+(\.\d+)?) (?:ns|ms|us|s)\s*$/
const VALUES =
  /^ +(\d+(?:\.\d+)?) (ns|us|ms|s) +(?:\d+(?:\.\d+)?) (?:ns|us|ms|s) +(?:\d+(?:\.\d+)?) (?:ns|us|ms|s)/
const BLANK = /^\s*$/
const SEPARATOR = /^-+$/
const HINT = 'Pass the unmodified console output of the Catch2 benchmark run (reporter `console`)'

/** Parses Catch2 benchmark output. */
export function parseCatch2(file: string, content: string): FormatOutput {
  const lines = content.split(/\r?\n/)
  let next = 0 // index of the next unread line; its 1-based number is next + 1
  const read = (): string | undefined => lines[next++]
  const fail = (reason: string, lineNo: number): never => {
    throw new BenchmarkParseError(file, reason, { line: lineNo, hint: HINT })
  }

  const metrics: ParsedMetric[] = []
  while (next < lines.length) {
    const headerLine = read()
    if (headerLine === undefined || !CATCH2_HEADER.test(headerLine)) continue
    const headerNo = next
    for (;;) {
      const line = read()
      if (line === undefined)
        fail(`Separator '------' does not appear after benchmark suite header`, headerNo)
      else if (SEPARATOR.test(line)) break
    }
    let found = 0
    for (;;) {
      const startLine = read()
      if (startLine === undefined) break
      const start = BENCH_START.exec(startLine)
      if (!start) break // end of this suite's table
      const name = startLine.slice(0, start.index).trim()
      const extra = `${start[1]} samples\n${start[2]} iterations`

      const meanLine = read()
      const mean = meanLine === undefined ? null : VALUES.exec(meanLine)
      if (!mean)
        fail(`Mean values cannot be retrieved for benchmark '${name}' from '${meanLine ?? 'EOF'}'`, next)
      const stdLine = read()
      const std = stdLine === undefined ? null : VALUES.exec(stdLine)
      if (!std)
        fail(`Std-dev values cannot be retrieved for benchmark '${name}' from '${stdLine ?? 'EOF'}'`, next)
      const blank = read()
      if (blank === undefined || !BLANK.test(blank)) {
        fail(`Empty line is not following after 'std dev' line of benchmark '${name}'`, next)
      }
      metrics.push(
        buildMetric({
          name,
          value: Number.parseFloat(mean?.[1] ?? ''),
          unit: mean?.[2] ?? '',
          range: `± ${(std?.[1] ?? '').trim()}`,
          extra,
        }),
      )
      found++
    }
    if (found === 0) fail('No benchmark found for bench suite. Possibly mangled output from Catch2', headerNo)
  }
  return { metrics }
}
