import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseConfig } from '../../../src/config/load.js'
import type { HistoryStore, SaveResult } from '../../../src/history/store.js'
import {
  RUN_RECORD_SCHEMA,
  type RunInfo,
  type RunRecord,
  type StageResult,
  type TestStatus,
} from '../../../src/model/index.js'
import {
  SHARD_STATUS,
  collectShard,
  shardSummaryMarkdown,
  shardVerdict,
} from '../../../src/pipeline/collect-shard.js'
import { silentLogger } from '../../../src/stages/index.js'

const RUN: RunInfo = {
  repository: 'acme/shop',
  headRepository: 'acme/shop',
  sha: 'a'.repeat(40),
  ref: 'refs/heads/main',
  branch: 'main',
  event: 'push',
  prNumber: null,
  baseBranch: null,
  runId: 77,
  attempt: 1,
  timestamp: '2026-11-23T12:00:00.000Z',
  runner: { os: 'Linux', arch: 'X64', cpuModel: 'cpu', cores: 2 },
}

function stage(status: StageResult['status'], continueOnError = false): StageResult {
  return {
    name: 'unit',
    status,
    exitCode: 0,
    durationMs: 1,
    attempts: 1,
    resultFiles: [],
    errors: [],
    continueOnError,
  }
}

function record(statuses: readonly TestStatus[], stages: readonly StageResult[]): RunRecord {
  return {
    schema: RUN_RECORD_SCHEMA,
    run: RUN,
    stages,
    tests: statuses.map((status, i) => ({
      id: `t${i}`,
      stage: 'unit',
      suite: 's',
      classname: 'c',
      name: `t${i}`,
      status,
      durationMs: 1,
    })),
    metrics: [],
    chaos: [],
  }
}

describe('shardVerdict', () => {
  it.each([
    ['all green', record(['passed', 'flaky'], [stage('passed')]), 'error', 'passed', 0, false, []],
    ['a failed test', record(['failed'], [stage('passed')]), 'error', 'failed', 1, true, ['1 test failed']],
    [
      'an errored test and a failed stage',
      record(['errored', 'failed'], [stage('failed')]),
      'critical',
      'failed',
      2,
      true,
      ['2 tests failed', 'stage unit failed'],
    ],
    ['a tolerated stage failure', record([], [stage('timed-out', true)]), 'error', 'passed', 0, false, []],
    ['fail-on: never reports only', record(['failed'], [stage('failed')]), 'never', 'failed', 1, false, null],
  ] as const)('%s', (_name, r, failOn, status, testsFailed, failed, reasons) => {
    const v = shardVerdict(r, failOn)
    expect(v).toMatchObject({ status, testsFailed, failed })
    if (reasons !== null) expect(v.reasons).toEqual(reasons)
  })
})

describe('shardSummaryMarkdown', () => {
  it('says what the shard ran and where its record went', () => {
    const md = shardSummaryMarkdown(
      'unit-2',
      record(['passed', 'flaky', 'failed', 'skipped'], [stage('failed')]),
      'artifact gauntlet-shard-unit-2',
      true,
    )
    expect(md).toContain('### Gauntlet shard `unit-2`')
    expect(md).toContain('- Stages: unit failed')
    expect(md).toContain('- Tests: 2 passed (1 flaky), 1 failed, 1 skipped')
    expect(md).toContain('saved as artifact gauntlet-shard-unit-2')
  })

  it('tells the reader the report job will call an unsaved shard missing', () => {
    const md = shardSummaryMarkdown('s1', record([], []), 'artifact gauntlet-shard-s1', false)
    expect(md).toContain('- Stages: none')
    expect(md).toContain('**not saved**')
    expect(md).toContain('will name this shard as missing')
  })
})

describe('collectShard', () => {
  let workspace: string
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'gauntlet-collect-'))
  })
  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true })
  })

  // The stage writes a JUnit file whose test is named after GAUNTLET_SHARD, proving the variable reaches it.
  const script = [
    "const fs = require('node:fs')",
    "fs.mkdirSync('out', { recursive: true })",
    'const s = process.env.GAUNTLET_SHARD',
    'fs.writeFileSync(\'out/junit.xml\', \'<testsuite name="u" tests="2"><testcase classname="c" name="\' + s + \'"/><testcase classname="c" name="bad"><failure message="no"/></testcase></testsuite>\')',
  ].join(';')
  const config = parseConfig(
    [
      'stages:',
      '  unit:',
      `    run: ${JSON.stringify(`node -e ${JSON.stringify(script)}`)}`,
      "    results: [{ path: 'out/*.xml', format: junit }]",
    ].join('\n'),
    'gauntlet.yml',
  )

  function store(result: SaveResult | Error): {
    history: Pick<HistoryStore, 'saveShard' | 'kind'>
    calls: { shard: string; record: RunRecord; days: number }[]
  } {
    const calls: { shard: string; record: RunRecord; days: number }[] = []
    return {
      calls,
      history: {
        kind: 'artifacts',
        saveShard: (shard, r, days) => {
          calls.push({ shard, record: r, days })
          return result instanceof Error ? Promise.reject(result) : Promise.resolve(result)
        },
      },
    }
  }

  async function collect(history: Pick<HistoryStore, 'saveShard' | 'kind'>) {
    const summaries: string[] = []
    const outputs: Record<string, string | number> = {}
    const warnings: string[] = []
    const result = await collectShard({
      config,
      workspace,
      logger: { ...silentLogger, warning: (m) => warnings.push(m) },
      clock: { now: () => new Date() },
      signal: new AbortController().signal,
      baseEnv: { PATH: process.env.PATH },
      shard: 'unit-3',
      run: RUN,
      failOn: 'error',
      retentionDays: 30,
      history,
      sinks: {
        summary: (md) => {
          summaries.push(md)
          return Promise.resolve()
        },
        setOutput: (name, value) => {
          outputs[name] = value
        },
      },
    })
    return { result, summaries, outputs, warnings }
  }

  it('runs the stages with GAUNTLET_SHARD, saves the tagged record as the shard, and fails on a red test', async () => {
    const s = store({ recordSaved: true, snapshotSaved: false, warnings: [] })
    const { result, summaries, outputs, warnings } = await collect(s.history)
    expect(s.calls).toHaveLength(1)
    expect(s.calls[0]?.shard).toBe('unit-3')
    expect(s.calls[0]?.days).toBe(30)
    expect(s.calls[0]?.record.run).toEqual({ ...RUN, shard: 'unit-3' })
    expect(s.calls[0]?.record.tests.map((t) => [t.name, t.status])).toEqual([
      ['unit-3', 'passed'],
      ['bad', 'failed'],
    ])
    expect(result.saved).toBe(true)
    expect(result.verdict).toMatchObject({ status: SHARD_STATUS.failed, failed: true, testsFailed: 1 })
    expect(outputs).toEqual({ status: 'failed', 'tests-failed': 1 })
    expect(summaries).toHaveLength(1)
    expect(summaries[0]).toContain('saved as artifact gauntlet-shard-unit-3')
    expect(warnings).toEqual([])
  })

  it.each([
    ['reports an upload failure', { recordSaved: false, snapshotSaved: false, warnings: ['quota used up'] }],
    ['survives a store that throws', new Error('network down')],
  ] as const)('%s as a warning, not a crash', async (_name, outcome) => {
    const { result, summaries, warnings } = await collect(store(outcome).history)
    expect(result.saved).toBe(false)
    expect(warnings.join('\n')).toMatch(/quota used up|network down/)
    expect(warnings.join('\n')).toContain('the report job will name it as missing')
    expect(summaries[0]).toContain('**not saved**')
  })
})
