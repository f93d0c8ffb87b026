/**
 * github-action-benchmark's custom formats: a JSON array of `{name, value, unit, range?, extra?}`, the same
 * for `customBiggerIsBetter` and `customSmallerIsBetter`; the direction comes from the format, not the unit.
 * As upstream, `value` may be a numeric string and `range`/`extra` may be numbers (kept as their text).
 * Unlike upstream, a missing `name` or `unit` is an error rather than the string "undefined".
 */
import { z } from 'zod'
import type { Direction } from '../../model/metric.js'
import { buildMetric } from './build-metric.js'
import type { FormatOutput } from './format-parser.js'
import { parseJsonInput, validateJson } from './json-input.js'

const HOW = `Output file for 'custom-(bigger|smaller)-is-better' must be JSON file containing an array of entries in BenchmarkResult format`
const HINT = 'Write a JSON array like [{"name": "parse", "unit": "ms", "value": 12.5, "range": "± 0.3"}]'

const text = z.union([z.string(), z.number(), z.boolean()]).transform(String)
const schema = z.array(
  z.object({
    name: text,
    unit: text,
    value: z.union(
      [
        z.number(),
        z
          .string()
          .trim()
          .regex(/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/)
          .transform(Number),
      ],
      { error: 'expected a number or a numeric string' },
    ),
    range: text.nullish(),
    extra: text.nullish(),
  }),
)

function parseCustom(file: string, content: string, direction: Direction): FormatOutput {
  const json = validateJson(file, parseJsonInput(file, content, HOW, HINT), schema, HOW, HINT)
  return {
    metrics: json.map((b) =>
      buildMetric({
        name: b.name,
        unit: b.unit,
        value: b.value,
        range: b.range ?? undefined,
        extra: b.extra ?? undefined,
        direction,
      }),
    ),
  }
}

/** Parses `customBiggerIsBetter` JSON: every metric is `higher`. */
export function parseCustomBiggerIsBetter(file: string, content: string): FormatOutput {
  return parseCustom(file, content, 'higher')
}

/** Parses `customSmallerIsBetter` JSON: every metric is `lower`. */
export function parseCustomSmallerIsBetter(file: string, content: string): FormatOutput {
  return parseCustom(file, content, 'lower')
}
