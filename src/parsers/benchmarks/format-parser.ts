import type { ParsedMetric } from '../../model/metric.js'

/** What one format's parser returns; `index.ts` turns it into a `ParsedBenchmarkReport`. */
export interface FormatOutput {
  readonly metrics: readonly ParsedMetric[]
  readonly suite?: string
  readonly warnings?: readonly string[]
}

/** A format parser: pure, from the file's path (for messages) and text to metrics; throws `BenchmarkParseError`. */
export type FormatParser = (file: string, content: string) => FormatOutput
