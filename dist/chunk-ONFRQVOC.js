import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
var BENCHMARK_FORMATS=["go","cargo","benchmarkjs","benchmarkluau","pytest","googlecpp","catch2","julia","jmh","benchmarkdotnet","customBiggerIsBetter","customSmallerIsBetter","hyperfine","vitest-bench","gauntlet"];function isBenchmarkFormat(value){return BENCHMARK_FORMATS.includes(value)}var TEST_FORMATS=["junit","nunit","xunit","trx","mocha-json","dart-json"];export{BENCHMARK_FORMATS,isBenchmarkFormat,TEST_FORMATS};
