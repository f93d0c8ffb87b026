/**
 * Shard merge (`mode: report`): 8 shards × 25,000 tests and 500 metrics each, with 1,000 test ids repeated
 * across shards (duplicates). Target: the merge of 200,000 tests ≤ 500 ms (it is pure and runs once per report,
 * next to minutes of test stages; the target keeps it negligible even for very large suites).
 */
import { mergeShards, type ShardInput } from '../src/record/merge-shards.js'
import { RUN_RECORD_SCHEMA, type RunInfo, type TestCase } from '../src/model/index.js'

const TARGET_MS = 500
const SHARDS = 8
const TESTS_PER_SHARD = 25_000
const METRICS_PER_SHARD = 500
const SHARED_IDS = 1_000
const REPEATS = 5

const RUN: RunInfo = {
  repository: 'acme/shop',
  headRepository: 'acme/shop',
  sha: 'a'.repeat(40),
  ref: 'refs/heads/main',
  branch: 'main',
  event: 'push',
  prNumber: null,
  baseBranch: null,
  runId: 1,
  attempt: 1,
  timestamp: '2026-11-23T12:00:00.000Z',
  runner: { os: 'Linux', arch: 'X64', cpuModel: 'cpu', cores: 4 },
}

function shards(): ShardInput[] {
  return Array.from({ length: SHARDS }, (_, s) => {
    const tests: TestCase[] = Array.from({ length: TESTS_PER_SHARD }, (_, i) => {
      const id = i < SHARED_IDS ? `shared::c::t${i}` : `s${s}::c::t${i}`
      return {
        id,
        stage: 'unit',
        suite: `s${s}`,
        classname: 'c',
        name: `t${i}`,
        status: 'passed',
        durationMs: 1,
      }
    })
    return {
      shard: `shard-${s}`,
      record: {
        schema: RUN_RECORD_SCHEMA,
        run: RUN,
        stages: [],
        tests,
        metrics: Array.from({ length: METRICS_PER_SHARD }, (_, i) => ({
          key: `benchmark/s${s}/m${i}/time`,
          stage: 'benchmark' as const,
          suite: `s${s}`,
          name: `m${i}`,
          measure: 'time',
          unit: 'ms',
          direction: 'lower' as const,
          value: i,
          samples: [i],
        })),
        chaos: [],
      },
    }
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** Prints the merge time and its ratio to the target. */
export async function run(): Promise<void> {
  const input = {
    run: RUN,
    shards: shards(),
    expected: Array.from({ length: SHARDS }, (_, s) => `shard-${s}`),
  }
  const times: number[] = []
  let tests = 0
  let duplicates = 0
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now()
    const { record, summary } = mergeShards(input)
    times.push(performance.now() - start)
    tests = record.tests.length
    duplicates = summary.duplicates.length
  }
  const ms = median(times)
  console.log(
    `merge-shards: ${SHARDS} shards, ${SHARDS * TESTS_PER_SHARD} tests in → ${tests} out (${duplicates} duplicates listed): ` +
      `median ${ms.toFixed(1)} ms over ${REPEATS} runs; target ≤ ${TARGET_MS} ms (ratio ${(ms / TARGET_MS).toFixed(2)})`,
  )
  await Promise.resolve()
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
