import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseConfig } from '../../../src/config/load.js'
import { createDirectoryStore, type DirectoryHistoryStore } from '../../../src/history/directory-store.js'
import {
  RUN_RECORD_SCHEMA,
  type ChaosResult,
  type RunInfo,
  type RunRecord,
  type TestStatus,
} from '../../../src/model/index.js'
import { describeShardSummary, reportShards } from '../../../src/pipeline/report-shards.js'
import type { CommentPoster } from '../../../src/report/sticky-comment.js'
import { silentLogger } from '../../../src/stages/index.js'

const NOW = new Date('2026-11-23T12:00:00.000Z')
const clock = { now: () => NOW }

const PUSH: RunInfo = {
  repository: 'acme/shop',
  headRepository: 'acme/shop',
  sha: 'a'.repeat(40),
  ref: 'refs/heads/main',
  branch: 'main',
  event: 'push',
  prNumber: null,
  baseBranch: null,
  runId: 500,
  attempt: 2,
  timestamp: '2026-11-23T11:59:00.000Z',
  runner: { os: 'Linux', arch: 'X64', cpuModel: 'report', cores: 2 },
}

const FORK_PR: RunInfo = {
  ...PUSH,
  headRepository: 'mallory/shop',
  branch: 'feature',
  ref: 'refs/heads/feature',
  event: 'pull_request',
  prNumber: 42,
  baseBranch: 'main',
  runId: 900,
  attempt: 1,
}

const FAILED_CHAOS: ChaosResult = {
  experiment: 'db-latency',
  fault: 'latency 500ms',
  steadyState: { before: 'passed', during: 'failed', after: 'failed' },
  errorRate: 0.5,
  latencyMs: null,
  recoveryMs: null,
  verdict: 'failed',
}

function shardRecord(
  run: RunInfo,
  shard: string,
  statuses: readonly TestStatus[],
  extra: Partial<RunRecord> = {},
): RunRecord {
  return {
    schema: RUN_RECORD_SCHEMA,
    run: { ...run, shard, runner: { os: 'Linux', arch: 'X64', cpuModel: 'EPYC', cores: 4 } },
    stages: [
      {
        name: 'unit',
        status: 'passed',
        exitCode: 0,
        durationMs: 5,
        attempts: 1,
        resultFiles: [],
        errors: [],
        continueOnError: false,
      },
    ],
    tests: statuses.map((status, i) => ({
      id: `${shard}::c::t${i}`,
      stage: 'unit',
      suite: shard,
      classname: 'c',
      name: `t${i}`,
      status,
      durationMs: 1,
    })),
    metrics: [],
    chaos: [],
    ...extra,
  }
}

function recordingPoster(): { poster: CommentPoster; created: { pr: number; body: string }[] } {
  const created: { pr: number; body: string }[] = []
  return {
    created,
    poster: {
      list: () => Promise.resolve([]),
      create: (pr, body) => {
        created.push({ pr, body })
        return Promise.resolve({ id: created.length })
      },
      update: () => Promise.resolve(),
    },
  }
}

describe('reportShards', () => {
  let workspace: string
  let store: DirectoryHistoryStore
  const config = parseConfig('report:\n  annotations: false\n', 'gauntlet.yml')

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'gauntlet-report-'))
    store = createDirectoryStore({ directory: join(workspace, 'history'), clock })
  })
  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true })
  })

  function context(
    run: RunInfo,
    expected: readonly string[],
    opts: { untrusted?: boolean; poster?: CommentPoster } = {},
  ) {
    const summaries: string[] = []
    const warnings: string[] = []
    return {
      summaries,
      warnings,
      ctx: {
        config,
        workspace,
        failOn: 'error' as const,
        commentMode: 'always' as const,
        retentionDays: 90,
        defaultBranch: 'main',
        pullRequest:
          run.prNumber === null
            ? null
            : { number: run.prNumber, headBranch: run.branch, headRepositoryId: null },
        logger: { ...silentLogger, warning: (m: string) => warnings.push(m) },
        clock,
        history: store,
        poster: opts.poster ?? null,
        channels: {},
        sinks: {
          summary: (md: string) => {
            summaries.push(md)
            return Promise.resolve()
          },
          warn: () => undefined,
        },
        links: {},
        untrustedSource: opts.untrusted ?? false,
        run,
        expected,
      },
    }
  }

  it('merges a push matrix once, names the missing shard, fails on it and saves one record to history', async () => {
    await store.saveShard('s1', shardRecord(PUSH, 's1', ['passed', 'passed']), 90)
    await store.saveShard('s2', shardRecord(PUSH, 's2', ['passed']), 90)
    await store.saveShard('s4', shardRecord(PUSH, 's4', ['passed'], { chaos: [FAILED_CHAOS] }), 90)
    // s3's only record is from a later attempt than this report's: stale, so s3 is missing.
    await store.saveShard('s3', shardRecord({ ...PUSH, attempt: 3 }, 's3', ['failed']), 90)
    // Not in the report's shards: list: never downloaded, and said so.
    await store.saveShard('extra', shardRecord(PUSH, 'extra', ['failed']), 90)
    const { ctx, summaries, warnings } = context(PUSH, ['s1', 's2', 's3', 's4'])

    const result = await reportShards(ctx)

    expect(result.shards).toMatchObject({ present: ['s1', 's2', 's4'], missing: ['s3'], stale: ['s3'] })
    expect(warnings.join('\n')).toMatch(/1 shard record\(s\) not listed in shards: were ignored \(extra\)/)
    expect(result.record.tests).toHaveLength(4)
    expect(result.record.run.runId).toBe(PUSH.runId)
    const kinds = result.report.findings.map((f) => `${f.kind}:${f.severity}`)
    expect(kinds).toContain('shard-missing:error')
    // The default branch is trusted: a failed chaos experiment is critical there.
    expect(kinds).toContain('chaos-failed:critical')
    expect(result.verdict.failed).toBe(true)
    expect(summaries.join('\n')).toContain('Shard missing: s3')

    const saved = await store.readAll()
    expect(saved.records).toHaveLength(1)
    expect(saved.records[0]?.shards?.missing).toEqual(['s3'])
    expect(saved.records[0]?.tests).toHaveLength(4)
  })

  it('reports zero shards as an error finding, never a crash', async () => {
    const { ctx } = context(PUSH, [])
    const result = await reportShards(ctx)
    expect(result.report.findings.map((f) => f.id)).toContain('shard-missing:*')
    expect(result.verdict.failed).toBe(true)
  })

  it('treats a workflow_run source as an untrusted pull request: comments once, never critical, saves nothing', async () => {
    await store.saveShard(
      'pr',
      shardRecord(FORK_PR, 'pr', ['passed', 'failed'], { chaos: [FAILED_CHAOS] }),
      90,
    )
    const { poster, created } = recordingPoster()
    const { ctx } = context(FORK_PR, [], { untrusted: true, poster })

    const result = await reportShards(ctx)

    expect(created).toHaveLength(1)
    expect(created[0]?.pr).toBe(42)
    expect(result.report.findings.some((f) => f.severity === 'critical')).toBe(false)
    expect(result.report.findings.map((f) => `${f.kind}:${f.severity}`)).toContain('chaos-failed:error')
    expect((await store.readAll()).records).toHaveLength(0)
  })

  it('drops a corrupt shard record with a warning naming it, and merges the rest', async () => {
    await store.saveShard('good', shardRecord(PUSH, 'good', ['passed']), 90)
    const dir = join(workspace, 'history', 'shards', String(PUSH.runId))
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'gauntlet-shard-evil.json.gz'), 'not gzip at all')
    const { ctx, warnings } = context(PUSH, ['good', 'evil'])

    const result = await reportShards(ctx)

    expect(warnings.join('\n')).toContain('gauntlet-shard-evil.json.gz')
    expect(result.shards).toMatchObject({ present: ['good'], missing: ['evil'] })
  })
})

describe('describeShardSummary', () => {
  it.each([
    [
      { present: ['a', 'b'], missing: [], failed: [], duplicates: [], stale: [], notes: [] },
      '2 shard(s) merged: a, b',
    ],
    [
      {
        present: [],
        missing: ['c'],
        failed: ['x'],
        duplicates: [{ kind: 'test' as const, key: 'k', shards: ['a', 'b'] }],
        stale: ['d'],
        notes: [],
      },
      '0 shard(s) merged; missing: c; failed: x; stale: d; 1 duplicate key(s)',
    ],
  ])('%j → %s', (summary, line) => {
    expect(describeShardSummary(summary)).toBe(line)
  })
})
