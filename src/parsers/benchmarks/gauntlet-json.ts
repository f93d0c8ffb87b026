/**
 * Gauntlet's own benchmark JSON (documented in docs/formats/gauntlet-json.md): the format to write when a
 * tool has no parser, or from a script that measures something itself. Validated with zod; every error
 * names the JSON path (`$.metrics[3].samples[0]`). `value` defaults to the median of `samples`, `direction`
 * to `directionFromUnit(unit)`.
 */
import { median } from 'simple-statistics'
import { z } from 'zod'
import { buildMetric } from './build-metric.js'
import type { FormatOutput } from './format-parser.js'
import { parseJsonInput, validateJson } from './json-input.js'

const HOW = `Output file for 'gauntlet' must be a Gauntlet benchmark JSON file`
const HINT =
  'See docs/formats/gauntlet-json.md; minimal example: {"metrics": [{"name": "parse", "unit": "ms", "samples": [12.1, 11.9]}]}'

/** The Gauntlet benchmark JSON schema (exportable with `z.toJSONSchema`). */
export const gauntletBenchmarkSchema = z
  .object({
    $schema: z.string().optional().describe('URL or path of the JSON schema, for editors; ignored.'),
    suite: z
      .string()
      .min(1)
      .optional()
      .describe('Suite the metrics belong to; the stage config `suite` overrides it.'),
    metrics: z
      .array(
        z
          .object({
            name: z.string().min(1).describe('Benchmark name, unique within the suite.'),
            unit: z.string().describe('Unit of value and samples, e.g. ns, ms, ops/s, B, allocs/op.'),
            direction: z
              .enum(['lower', 'higher', 'none'])
              .optional()
              .describe('Which way is better; inferred from the unit when absent.'),
            value: z.number().optional().describe('Summary value; defaults to the median of samples.'),
            samples: z.array(z.number()).min(1).optional().describe('Raw measurements, one per repeat.'),
            tags: z.array(z.string()).optional().describe('Free-form labels.'),
            range: z.string().optional().describe('Display-only spread, e.g. "± 0.3".'),
            extra: z.string().optional().describe('Display-only notes.'),
          })
          .strict()
          .refine((m) => m.value !== undefined || m.samples !== undefined, {
            message: 'give "value" or "samples" (or both)',
          }),
      )
      .describe('The measured metrics.'),
  })
  .strict()

export type GauntletBenchmarkJson = z.input<typeof gauntletBenchmarkSchema>

/** Parses a Gauntlet benchmark JSON file. */
export function parseGauntletJson(file: string, content: string): FormatOutput {
  const json = validateJson(
    file,
    parseJsonInput(file, content, HOW, HINT),
    gauntletBenchmarkSchema,
    HOW,
    HINT,
  )
  const metrics = json.metrics.map((m) =>
    buildMetric({
      name: m.name,
      unit: m.unit,
      value: m.value ?? median(m.samples ?? []),
      range: m.range,
      extra: m.extra,
      direction: m.direction,
      samples: m.samples,
      tags: m.tags,
    }),
  )
  return json.suite === undefined ? { metrics } : { metrics, suite: json.suite }
}
