// One row per format: our own small fixture, the format, and every metric we expect (exact values, units,
// ranges, extras, directions, samples, tags). Fixtures live in test/fixtures/parsers/benchmarks/.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ParsedBenchmarkReport } from '../../../../src/model/metric.js'
import {
  type BenchmarkFormat,
  parseBenchmarkFile,
  parseBenchmarkOutput,
} from '../../../../src/parsers/benchmarks/index.js'

const fixtures = join(import.meta.dirname, '../../../fixtures/parsers/benchmarks')

interface Row {
  file: string
  format: BenchmarkFormat
  expected: ParsedBenchmarkReport
}

const rows: Row[] = [
  {
    file: 'go/two-packages.txt',
    format: 'go',
    expected: {
      metrics: [
        {
          name: 'BenchmarkAddItem (example.com/shop/cart)',
          unit: 'ns/op\t     128 B/op\t       3 allocs/op',
          value: 651.2,
          extra: '1843220 times\n2 procs',
          direction: 'lower',
        },
        {
          name: 'BenchmarkAddItem (example.com/shop/cart) - ns/op',
          unit: 'ns/op',
          value: 651.2,
          extra: '1843220 times\n2 procs',
          direction: 'lower',
        },
        {
          name: 'BenchmarkAddItem (example.com/shop/cart) - B/op',
          unit: 'B/op',
          value: 128,
          extra: '1843220 times\n2 procs',
          direction: 'lower',
        },
        {
          name: 'BenchmarkAddItem (example.com/shop/cart) - allocs/op',
          unit: 'allocs/op',
          value: 3,
          extra: '1843220 times\n2 procs',
          direction: 'lower',
        },
        // No `-<procs>` suffix: extra has no procs line.
        {
          name: 'BenchmarkCartTotal (example.com/shop/cart)',
          unit: 'ns/op',
          value: 1302,
          extra: '912345 times',
          direction: 'lower',
        },
        // The name already mentions the package's last two segments (`shop_pricing`): no suffix.
        {
          name: 'BenchmarkRound/shop_pricing',
          unit: 'ns/op',
          value: 240.5,
          extra: '5000000 times\n2 procs',
          direction: 'lower',
        },
        {
          name: 'BenchmarkDiscount (example.com/shop/pricing)',
          unit: 'ns/op\t  45.10 MB/s',
          value: 401,
          extra: '3000000 times\n2 procs',
          direction: 'lower',
        },
        {
          name: 'BenchmarkDiscount (example.com/shop/pricing) - ns/op',
          unit: 'ns/op',
          value: 401,
          extra: '3000000 times\n2 procs',
          direction: 'lower',
        },
        {
          name: 'BenchmarkDiscount (example.com/shop/pricing) - MB/s',
          unit: 'MB/s',
          value: 45.1,
          extra: '3000000 times\n2 procs',
          direction: 'higher',
        },
      ],
    },
  },
  {
    file: 'go/one-package.txt',
    format: 'go',
    expected: {
      metrics: [
        {
          name: 'BenchmarkEncode/small',
          unit: 'ns/op',
          value: 305.9,
          extra: '3921118 times\n8 procs',
          direction: 'lower',
        },
        {
          name: 'BenchmarkEncode/large',
          unit: 'ns/op',
          value: 118204,
          extra: '10000 times\n8 procs',
          direction: 'lower',
        },
        {
          name: 'BenchmarkDecode',
          unit: 'ns/op\t         2.500 frames/op',
          value: 15012,
          extra: '80000 times',
          direction: 'lower',
        },
        {
          name: 'BenchmarkDecode - ns/op',
          unit: 'ns/op',
          value: 15012,
          extra: '80000 times',
          direction: 'lower',
        },
        // A b.ReportMetric unit Gauntlet cannot judge: direction none (configurable later).
        {
          name: 'BenchmarkDecode - frames/op',
          unit: 'frames/op',
          value: 2.5,
          extra: '80000 times',
          direction: 'none',
        },
      ],
    },
  },
  {
    file: 'cargo/libtest.txt',
    format: 'cargo',
    expected: {
      metrics: [
        { name: 'parse::bench_small', unit: 'ns/iter', value: 1204, range: '± 31', direction: 'lower' },
        {
          name: 'parse::bench_large',
          unit: 'ns/iter',
          value: 2311904,
          range: '± 120443',
          direction: 'lower',
        },
        { name: 'io::bench_throughput', unit: 'MB/s', value: 512, range: '± 9', direction: 'higher' },
      ],
    },
  },
  {
    file: 'benchmarkjs/suite.txt',
    format: 'benchmarkjs',
    expected: {
      metrics: [
        {
          name: 'Array#push',
          unit: 'ops/sec',
          value: 48120331,
          range: '±1.12%',
          extra: '91 samples',
          direction: 'higher',
        },
        // The name itself contains " x ": split at the last one.
        {
          name: 'matrix 3 x 3',
          unit: 'ops/sec',
          value: 1002,
          range: '±0.50%',
          extra: '88 samples',
          direction: 'higher',
        },
      ],
    },
  },
  {
    file: 'benchmarkluau/run.txt',
    format: 'benchmarkluau',
    expected: {
      metrics: [
        { name: 'sieve', unit: 'ms', value: 22.5, range: '±1.250%', extra: 'luau', direction: 'lower' },
        { name: 'nbody', unit: 'ms', value: 140.02, range: '±0.310%', extra: 'luau-jit', direction: 'lower' },
      ],
    },
  },
  {
    file: 'pytest/small.json',
    format: 'pytest',
    expected: {
      metrics: [
        {
          name: 'tests/test_perf.py::test_tokenize',
          unit: 'iter/sec',
          value: 2000,
          range: 'stddev: 0.00002',
          extra: 'mean: 500 usec\nrounds: 1500',
          direction: 'higher',
        },
        {
          name: 'tests/test_perf.py::test_render',
          unit: 'iter/sec',
          value: 0.4,
          range: 'stddev: 0.1',
          extra: 'mean: 2.5 sec\nrounds: 5',
          direction: 'higher',
        },
      ],
    },
  },
  {
    file: 'googlecpp/repetitions.json',
    format: 'googlecpp',
    expected: {
      metrics: [
        {
          name: 'BM_Sort/1024',
          unit: 'us/iter',
          value: 17.25,
          extra: 'iterations: 41000\ncpu: 17.1 us\nthreads: 1',
          direction: 'lower',
        },
        {
          name: 'BM_Sort/1024_mean',
          unit: 'us/iter',
          value: 17.5,
          extra: 'iterations: 2\ncpu: 17.3 us\nthreads: 1',
          direction: 'lower',
        },
      ],
    },
  },
  {
    file: 'catch2/v3.txt',
    format: 'catch2',
    expected: {
      metrics: [
        // The std dev's unit (ns) is not converted to the mean's (us), as upstream.
        {
          name: 'crc32 4KiB',
          unit: 'us',
          value: 1.765,
          range: '± 92',
          extra: '100 samples\n12 iterations',
          direction: 'lower',
        },
        {
          name: 'sha256 4KiB',
          unit: 'us',
          value: 48.912,
          range: '± 2.651',
          extra: '100 samples\n1 iterations',
          direction: 'lower',
        },
      ],
    },
  },
  {
    file: 'julia/estimates.json',
    format: 'julia',
    expected: {
      metrics: [
        {
          name: 'parse/json',
          unit: 'ns',
          value: 1520.5,
          extra: 'gctime=0\nmemory=640\nallocs=12\nparams={"evals":10,"samples":10000}',
          direction: 'lower',
        },
        {
          name: 'parse/small/csv',
          unit: 'ns',
          value: 88,
          extra: 'gctime=0\nmemory=96\nallocs=3\nparams={"evals":1000,"samples":10000}',
          direction: 'lower',
        },
      ],
    },
  },
  {
    file: 'jmh/avgt-params.json',
    format: 'jmh',
    expected: {
      metrics: [
        {
          name: 'org.example.MapBench.get ( {"size":"1000"} )',
          unit: 'ns/op',
          value: 12.75,
          extra: 'iterations: 5\nforks: 3\nthreads: 2',
          direction: 'lower',
        },
        {
          name: 'org.example.MapBench.put',
          unit: 'ops/s',
          value: 41234567.5,
          extra: 'iterations: 5\nforks: 3\nthreads: 2',
          direction: 'higher',
        },
      ],
    },
  },
  {
    file: 'benchmarkdotnet/with-failed.json',
    format: 'benchmarkdotnet',
    expected: {
      metrics: [
        { name: 'Parsers.JsonBench.Parse', unit: 'ns', value: 1532.25, range: '± 12.5', direction: 'lower' },
      ],
      warnings: [
        `${join(fixtures, 'benchmarkdotnet/with-failed.json')}: benchmark 'Parsers.JsonBench.Crash' has no statistics (it probably failed); skipped`,
      ],
    },
  },
  {
    file: 'custom/mixed.json',
    format: 'customBiggerIsBetter',
    expected: {
      metrics: [
        // Numeric string value and numeric range are coerced; direction comes from the format, not `ms`.
        { name: 'cold start', unit: 'ms', value: 412.5, range: '3.5', direction: 'higher' },
        { name: 'requests served', unit: 'req/s', value: 1800, extra: 'p99 under load', direction: 'higher' },
      ],
    },
  },
  {
    file: 'custom/mixed.json',
    format: 'customSmallerIsBetter',
    expected: {
      metrics: [
        { name: 'cold start', unit: 'ms', value: 412.5, range: '3.5', direction: 'lower' },
        { name: 'requests served', unit: 'req/s', value: 1800, extra: 'p99 under load', direction: 'lower' },
      ],
    },
  },
  {
    file: 'hyperfine/export.json',
    format: 'hyperfine',
    expected: {
      metrics: [
        {
          name: 'gauntlet parse -n 10',
          unit: 'ms',
          value: 103.1,
          range: '± 1.5',
          extra: 'mean: 103.2 ms\nmin: 101.5 ms\nmax: 105.5 ms\nuser: 84.1 ms\nsystem: 15.3 ms\nruns: 4',
          direction: 'lower',
          samples: [101.5, 103.1, 105.5, 102.7],
          tags: ['n=10'],
        },
        // One run: stddev is null (no range); no `median` field: median of times; a failed exit is noted.
        {
          name: 'flaky-tool',
          unit: 'ms',
          value: 1500,
          extra:
            'mean: 1500 ms\nmin: 1500 ms\nmax: 1500 ms\nuser: 1200 ms\nsystem: 100 ms\nruns: 1\nnon-zero exits: 1',
          direction: 'lower',
          samples: [1500],
        },
      ],
    },
  },
  {
    file: 'vitest-bench/report.json',
    format: 'vitest-bench',
    expected: {
      metrics: [
        {
          name: 'bench/sort.bench.ts > sort > normal',
          unit: 'ms',
          value: 0.00020100000000411455,
          range: '±3.42%',
          extra:
            'mean: 0.0002680174526430129 ms\np75: 0.00022999999998774 ms\np99: 0.0006319999999959691 ms\nhz: 3731100.3076055446 ops/sec\n186562 samples',
          direction: 'lower',
        },
        {
          name: 'bench/sort.bench.ts > sort > reverse',
          unit: 'ms',
          value: 0.00018000000000029104,
          range: '±29.92%',
          extra:
            'mean: 0.00026881960655702575 ms\np75: 0.0001909999999725187 ms\np99: 0.00044000000002597517 ms\nhz: 3719966.7569183283 ops/sec\n185999 samples',
          direction: 'lower',
        },
      ],
    },
  },
  {
    file: 'gauntlet/suite.json',
    format: 'gauntlet',
    expected: {
      metrics: [
        // value = median of the samples (12.2 and 12.5 → 12.35); direction from the unit.
        { name: 'GET p95', unit: 'ms', value: 12.35, direction: 'lower', samples: [12.5, 11.9, 13.1, 12.2] },
        { name: 'throughput', unit: 'req/s', value: 4200, direction: 'higher', tags: ['load', 'http'] },
        // Explicit direction wins over the unit (`%` alone would be none).
        {
          name: 'cache hit ratio',
          unit: '%',
          value: 97.5,
          range: '± 0.4',
          extra: 'warm cache',
          direction: 'higher',
        },
      ],
      suite: 'kv-service',
    },
  },
]

describe('benchmark parsers on own fixtures', () => {
  it.each(rows)('$format: $file', async ({ file, format, expected }) => {
    const report = await parseBenchmarkFile(join(fixtures, file), format)
    expect(report).toStrictEqual(expected)
    // Same result when the format is sniffed (custom formats cannot be sniffed).
    if (!format.startsWith('custom')) {
      expect(await parseBenchmarkFile(join(fixtures, file), 'auto')).toStrictEqual(expected)
    }
    // Serialisable without losing or inventing keys.
    expect(JSON.parse(JSON.stringify(report))).toStrictEqual(report)
  })
})

describe('edge cases of the JSON formats', () => {
  const cases: Array<[string, BenchmarkFormat, string, ParsedBenchmarkReport]> = [
    [
      'JMH without run metadata: no extra instead of "undefined"',
      'jmh',
      '[{"benchmark": "a.B.c", "primaryMetric": {"score": 5, "scoreUnit": "us/op"}}]',
      { metrics: [{ name: 'a.B.c', unit: 'us/op', value: 5, direction: 'lower' }] },
    ],
    [
      'hyperfine without median or times: mean',
      'hyperfine',
      '{"results": [{"command": "sleep 0.25", "mean": 0.25, "stddev": 0.01}]}',
      {
        metrics: [
          {
            name: 'sleep 0.25',
            unit: 'ms',
            value: 250,
            range: '± 10',
            extra: 'mean: 250 ms',
            direction: 'lower',
          },
        ],
      },
    ],
    [
      'hyperfine without median field: median of times',
      'hyperfine',
      '{"results": [{"command": "x", "mean": 0.2, "times": [0.1, 0.3, 0.2, 0.4]}]}',
      {
        metrics: [
          {
            name: 'x',
            unit: 'ms',
            value: 250,
            extra: 'mean: 200 ms\nruns: 4',
            direction: 'lower',
            samples: [100, 300, 200, 400],
          },
        ],
      },
    ],
    [
      'vitest without median (older versions) and with raw samples',
      'vitest-bench',
      '{"files": [{"groups": [{"fullName": "a.bench.ts > g", "benchmarks": [{"name": "b", "mean": 0.5, "samples": [0.4, 0.6]}]}]}]}',
      {
        metrics: [
          {
            name: 'a.bench.ts > g > b',
            unit: 'ms',
            value: 0.5,
            extra: 'mean: 0.5 ms\n2 samples',
            direction: 'lower',
            samples: [0.4, 0.6],
          },
        ],
      },
    ],
    [
      'gauntlet: explicit value wins over the median of samples',
      'gauntlet',
      '{"metrics": [{"name": "a", "unit": "ops/s", "value": 10, "samples": [1, 2, 3]}]}',
      { metrics: [{ name: 'a', unit: 'ops/s', value: 10, direction: 'higher', samples: [1, 2, 3] }] },
    ],
    [
      'custom: null range and extra are absent, not "null"',
      'customSmallerIsBetter',
      '[{"name": "a", "unit": "ms", "value": 1, "range": null, "extra": null}]',
      { metrics: [{ name: 'a', unit: 'ms', value: 1, direction: 'lower' }] },
    ],
    [
      'Google Benchmark in milliseconds',
      'googlecpp',
      '{"context": {}, "benchmarks": [{"name": "BM_X", "real_time": 2.5, "cpu_time": 2.4, "time_unit": "ms", "iterations": 10, "threads": 4}]}',
      {
        metrics: [
          {
            name: 'BM_X',
            unit: 'ms/iter',
            value: 2.5,
            extra: 'iterations: 10\ncpu: 2.4 ms\nthreads: 4',
            direction: 'lower',
          },
        ],
      },
    ],
  ]

  it.each(cases)('%s', (_label, format, content, expected) => {
    expect(parseBenchmarkOutput('inline.json', content, format)).toStrictEqual(expected)
  })
})
