import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);

// src/parsers/benchmarks/formats.ts
var BENCHMARK_FORMATS = [
  "go",
  "cargo",
  "benchmarkjs",
  "benchmarkluau",
  "pytest",
  "googlecpp",
  "catch2",
  "julia",
  "jmh",
  "benchmarkdotnet",
  "customBiggerIsBetter",
  "customSmallerIsBetter",
  "hyperfine",
  "vitest-bench",
  "gauntlet"
];
function isBenchmarkFormat(value) {
  return BENCHMARK_FORMATS.includes(value);
}

// src/parsers/tests/formats.ts
var TEST_FORMATS = ["junit", "nunit", "xunit", "trx", "mocha-json", "dart-json"];
var DEFAULT_MAX_REPORT_BYTES = 100 * 1024 * 1024;

export {
  BENCHMARK_FORMATS,
  isBenchmarkFormat,
  TEST_FORMATS,
  DEFAULT_MAX_REPORT_BYTES
};
