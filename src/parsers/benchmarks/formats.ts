/** Every benchmark-output format Gauntlet parses (the names of github-action-benchmark's tools, plus ours). */
export const BENCHMARK_FORMATS = [
  'go',
  'cargo',
  'benchmarkjs',
  'benchmarkluau',
  'pytest',
  'googlecpp',
  'catch2',
  'julia',
  'jmh',
  'benchmarkdotnet',
  'customBiggerIsBetter',
  'customSmallerIsBetter',
  'hyperfine',
  'vitest-bench',
  'gauntlet',
] as const

export type BenchmarkFormat = (typeof BENCHMARK_FORMATS)[number]

/** Whether a string (e.g. from a config file) names a supported format. */
export function isBenchmarkFormat(value: string): value is BenchmarkFormat {
  return (BENCHMARK_FORMATS as readonly string[]).includes(value)
}
