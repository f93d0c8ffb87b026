/**
 * Seeds 90 days of history into the GitHub fake through the real artifacts store and the real
 * `@actions/artifact` client, as its own process (the client reads the run's identity from the environment,
 * and `@actions/github` fixes its REST base URL at first import, so the benchmark's own process stays clean).
 *
 * Input (JSON file named by SEED_INPUT): a template record (what the bundle itself recorded for this project
 * in a seed run), the runs registered with the fake (one per day), and the repository. For each day it
 * derives a push record on the default branch from the template (run identity, timestamp, values jittered by
 * ±5 % with a seeded generator), uploads days 1..89 as `gauntlet-run` artifacts acting as their own runs, and
 * then saves day 90 with `store.save`, which uploads its record and the rolling `gauntlet-history` snapshot of
 * all 90, exactly as a trusted run of the action does. That is the steady state an action run finds.
 *
 *   SEED_INPUT=… node --import tsx bench/overhead/seed.ts
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createGitHubClient } from '../../src/github/octokit.js'
import { createActionsArtifactTransport } from '../../src/history/artifact-transport.js'
import { createArtifactsStore } from '../../src/history/artifacts-store.js'
import { RECORD_FILE_NAME, RUN_ARTIFACT_NAME } from '../../src/history/constants.js'
import type { History } from '../../src/history/history.js'
import { recordKey } from '../../src/history/merge.js'
import { encodeRecord } from '../../src/history/record-codec.js'
import { defaultTrustPolicy } from '../../src/history/trust.js'
import type { Metric, RunRecord, TestCase } from '../../src/model/index.js'
import { seeded } from './project.js'

export interface SeedInput {
  readonly token: string
  readonly owner: string
  readonly repo: string
  readonly repositoryId: number
  readonly templatePath: string
  readonly workDirectory: string
  /** ISO time "now" for the seeded history (day 90 is half a day before it). */
  readonly now: string
  readonly runs: readonly { readonly runId: number; readonly runtimeToken: string }[]
}

const DAY_MS = 86_400_000

function jitter(rand: () => number, v: number): number {
  return Math.round(v * (0.95 + rand() * 0.1) * 1000) / 1000
}

/** Day `i` (0 = oldest) of the history, derived from the template. */
function dayRecord(template: RunRecord, runId: number, timestamp: string): RunRecord {
  const rand = seeded(runId)
  const repository = template.run.repository
  const tests: TestCase[] = template.tests.map((t) =>
    t.durationMs === null ? t : { ...t, durationMs: jitter(rand, t.durationMs) },
  )
  const metrics: Metric[] = template.metrics.map((m) => {
    const samples = m.samples.map((s) => jitter(rand, s))
    const sorted = [...samples].sort((a, b) => a - b)
    const value =
      sorted.length > 0 ? (sorted[Math.floor(sorted.length / 2)] as number) : jitter(rand, m.value)
    return { ...m, value, samples }
  })
  return {
    ...template,
    run: {
      ...template.run,
      repository,
      headRepository: repository,
      sha: runId.toString(16).padStart(40, '0'),
      ref: 'refs/heads/main',
      branch: 'main',
      event: 'push',
      prNumber: null,
      baseBranch: null,
      runId,
      attempt: 1,
      timestamp,
    },
    tests,
    metrics,
    alerts: [],
  }
}

async function main(): Promise<void> {
  const input = JSON.parse(await readFile(process.env.SEED_INPUT ?? '', 'utf8')) as SeedInput
  const template = JSON.parse(await readFile(input.templatePath, 'utf8')) as RunRecord
  const repository = { owner: input.owner, repo: input.repo }
  const now = new Date(input.now)
  const days = input.runs.length
  const records = input.runs.map((r, i) =>
    dayRecord(template, r.runId, new Date(now.getTime() - (days - i - 0.5) * DAY_MS).toISOString()),
  )
  const transport = createActionsArtifactTransport({ token: input.token, repository })
  const store = createArtifactsStore({
    client: createGitHubClient({
      token: input.token,
      env: process.env,
      mask: () => undefined,
      log: { warning: (m) => process.stderr.write(`${m}\n`) },
    }),
    transport,
    repository,
    repositoryId: input.repositoryId,
    workDirectory: input.workDirectory,
    clock: { now: () => now },
  })
  await mkdir(input.workDirectory, { recursive: true })
  const artifactIds = new Map<string, number>()
  for (let i = 0; i < days - 1; i++) {
    const record = records[i] as RunRecord
    process.env.ACTIONS_RUNTIME_TOKEN = (input.runs[i] as SeedInput['runs'][number]).runtimeToken
    const dir = await mkdtemp(join(input.workDirectory, 'seed-'))
    await writeFile(join(dir, RECORD_FILE_NAME), encodeRecord(record))
    const id = await transport.upload(RUN_ARTIFACT_NAME, [join(dir, RECORD_FILE_NAME)], dir, 90)
    await rm(dir, { recursive: true, force: true })
    if (id === null) throw new Error(`seed upload of run ${record.run.runId} returned no artifact id`)
    artifactIds.set(recordKey(record), id)
  }
  const last = records[days - 1] as RunRecord
  process.env.ACTIONS_RUNTIME_TOKEN = (input.runs[days - 1] as SeedInput['runs'][number]).runtimeToken
  const history: History = {
    baseline: records.slice(0, days - 1),
    pullRequest: [],
    watermark: null,
    warnings: [],
    openAlerts: [],
    artifactIds,
  }
  const saved = await store.save(last, { history, policy: defaultTrustPolicy('main'), retentionDays: 90 })
  if (!saved.recordSaved || !saved.snapshotSaved)
    throw new Error(`seeding the snapshot failed: ${saved.warnings.join('; ')}`)
  process.stdout.write(`SEEDED ${JSON.stringify({ records: records.length })}\n`)
}

await main()
