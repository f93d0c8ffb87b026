/**
 * `cargo bench` (libtest) and Criterion's `--output-format bencher` text:
 * `test <name> ... bench:   1,234 ns/iter (+/- 56)`. Value and range lose their thousands separators; the
 * unit is whatever `<word>/<word>` libtest printed (`ns/iter`, `cycles/iter`, `MS/s`); range is `± <r>` in
 * the value's unit.
 */
import type { ParsedMetric } from '../../model/metric.js'
import { buildMetric } from './build-metric.js'
import type { FormatOutput } from './format-parser.js'

const TAIL = /^\.\.\. bench:\s+([0-9,.]+) (\w+\/\w+) \(\+\/- ([0-9,.]+)\)$/
const WHITESPACE = /\s/
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/

/** The parts of a result line, or undefined for any other line. */
export interface CargoResultLine {
  readonly name: string
  readonly value: string
  readonly unit: string
  readonly range: string
}

/**
 * Splits `test <name> ... bench: <value> <unit> (+/- <range>)`. Same result as upstream's
 * `/^test (.+)\s+\.\.\. bench:\s+([0-9,.]+) (\w+\/\w+) \(\+\/- ([0-9,.]+)\)$/`, without its quadratic
 * backtracking between `(.+)` and `\s+` on long hostile lines: the tail can only match from the last
 * `... bench:`, so that is the only place tried.
 */
export function matchCargoResultLine(line: string): CargoResultLine | undefined {
  if (!line.startsWith('test ')) return undefined
  const at = line.lastIndexOf('... bench:')
  if (at < 7 || !WHITESPACE.test(line.charAt(at - 1))) return undefined
  const tail = TAIL.exec(line.slice(at))
  const name = line.slice(5, at - 1)
  if (tail === null || LINE_TERMINATOR.test(name)) return undefined
  const [, value = '', unit = '', range = ''] = tail
  return { name: name.trim(), value, unit, range }
}

/** Parses `cargo bench` output. */
export function parseCargo(_file: string, content: string): FormatOutput {
  const metrics: ParsedMetric[] = []
  for (const line of content.split(/\r?\n/)) {
    const m = matchCargoResultLine(line)
    if (!m) continue
    metrics.push(
      buildMetric({
        name: m.name,
        value: Number.parseFloat(m.value.replace(/,/g, '')),
        unit: m.unit,
        range: `± ${m.range.replace(/,/g, '')}`,
      }),
    )
  }
  return { metrics }
}
