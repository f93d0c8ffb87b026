/**
 * History load benchmark: a 90-day history of 2,000 runs x 500 metrics (5 samples each, 20 tests each),
 * loaded (1) from the directory backend and (2) from the GitHub fake through the real clients, each as one
 * snapshot + 10 newer run records. Reports wall time and memory; target for the snapshot path:
 * <= 1.5 s and <= 300 MB.
 *
 *   node --expose-gc --import tsx bench/history.bench.ts
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDirectoryStore } from '../src/history/directory-store.js'
import { createGitHubClient } from '../src/github/octokit.js'
import { createActionsArtifactTransport } from '../src/history/artifact-transport.js'
import { createArtifactsStore } from '../src/history/artifacts-store.js'
import {
  RECORD_FILE_NAME,
  RUN_ARTIFACT_NAME,
  SNAPSHOT_ARTIFACT_NAME,
  SNAPSHOT_FILE_NAME,
} from '../src/history/constants.js'
import { encodeRecord } from '../src/history/record-codec.js'
import { encodeSnapshot } from '../src/history/snapshot-codec.js'
import type { HistoryStore } from '../src/history/store.js'
import { defaultTrustPolicy } from '../src/history/trust.js'
import { startGitHubFake } from '../test/fakes/github-fake.js'
import { makeRecord } from '../test/fixtures/history/records.js'

const RUNS = 2000
const METRICS = 500
const SAMPLES = 5
const TESTS = 20
const NEWER = 10
const TARGET_MS = 1500
const TARGET_MB = 300
const MB = 1024 * 1024

function gc(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

interface Measured {
  ms: number
  touchMs: number
  peakRssMb: number
  retainedMb: number
  heapMb: number
  records: number
}

async function measure(store: HistoryStore): Promise<Measured> {
  gc()
  const base = process.memoryUsage()
  let peak = base.rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  const t0 = performance.now()
  const h = await store.load({ policy: defaultTrustPolicy('main'), retentionDays: 90, pullRequest: null })
  const ms = performance.now() - t0
  const afterLoad = process.memoryUsage()
  const retainedMb = (afterLoad.heapUsed + afterLoad.arrayBuffers - base.heapUsed - base.arrayBuffers) / MB
  // Reading every metric of every run forces the lazily built objects: the worst case for a consumer.
  const t1 = performance.now()
  let n = 0
  for (const r of h.baseline) n += r.metrics.length
  const touchMs = performance.now() - t1
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().rss)
  const heapMb = (process.memoryUsage().heapUsed - base.heapUsed) / MB
  if (n !== (RUNS + NEWER) * METRICS)
    throw new Error(`expected ${(RUNS + NEWER) * METRICS} metrics, read ${n}`)
  if (h.warnings.length > 0) throw new Error(h.warnings.join('\n'))
  return { ms, touchMs, peakRssMb: peak / MB, retainedMb, heapMb, records: h.baseline.length }
}

function report(label: string, m: Measured, extra = ''): void {
  process.stdout.write(
    `history ${label}: ${m.records} runs loaded in ${m.ms.toFixed(0)} ms (target ${TARGET_MS} ms, ratio ${(m.ms / TARGET_MS).toFixed(2)}), ` +
      `held after load ${m.retainedMb.toFixed(0)} MB heap+buffers (target ${TARGET_MB} MB, ratio ${(m.retainedMb / TARGET_MB).toFixed(2)}), ` +
      `process peak RSS ${m.peakRssMb.toFixed(0)} MB (includes the generated data); ` +
      `touching all ${(m.records * METRICS).toLocaleString('en')} metrics afterwards: ${m.touchMs.toFixed(0)} ms, heap +${m.heapMb.toFixed(0)} MB${extra}\n`,
  )
}

/** Runs the history benchmark and prints its figures. */
export async function run(): Promise<void> {
  const now = new Date()
  const dayMs = 86_400_000
  const at = (i: number, total: number): string =>
    new Date(now.getTime() - 89 * dayMs + (i * 89 * dayMs) / total).toISOString()
  const t0 = performance.now()
  const entries = Array.from({ length: RUNS }, (_, i) => ({
    record: makeRecord({
      runId: 100_000 + i,
      timestamp: at(i, RUNS + NEWER),
      metrics: METRICS,
      samples: SAMPLES,
      tests: TESTS,
    }),
    artifactId: null,
  }))
  const snapshotBytes = encodeSnapshot({ createdAt: now.toISOString(), entries })
  entries.length = 0
  const newer = Array.from({ length: NEWER }, (_, i) =>
    makeRecord({
      runId: 200_000 + i,
      timestamp: at(RUNS + i, RUNS + NEWER),
      metrics: METRICS,
      samples: SAMPLES,
      tests: TESTS,
    }),
  )
  process.stdout.write(
    `history bench: generated ${RUNS} + ${NEWER} runs x ${METRICS} metrics x ${SAMPLES} samples; snapshot ${(snapshotBytes.length / MB).toFixed(1)} MB gzipped (${((performance.now() - t0) / 1000).toFixed(1)} s to build)\n`,
  )

  const root = await mkdtemp(join(tmpdir(), 'gauntlet-history-bench-'))
  try {
    // 1. Directory backend.
    const dir = join(root, 'history')
    await mkdir(join(dir, 'runs'), { recursive: true })
    await writeFile(join(dir, 'snapshot.gsnap.gz'), snapshotBytes)
    for (const r of newer) await writeFile(join(dir, 'runs', `${r.run.runId}-1.json.gz`), encodeRecord(r))
    report('directory', await measure(createDirectoryStore({ directory: dir, clock: { now: () => now } })))

    // 2. Artifacts backend through the real clients against the GitHub fake.
    const fake = await startGitHubFake({ token: 'bench-token' })
    try {
      delete process.env.GITHUB_SERVER_URL
      process.env.GITHUB_API_URL = fake.url
      process.env.GITHUB_WORKSPACE = root
      const repository = { owner: 'acme', repo: 'widgets' }
      const transport = createActionsArtifactTransport({ token: 'bench-token', repository })
      const upload = async (runId: number, name: string, file: string, bytes: Buffer): Promise<void> => {
        Object.assign(process.env, fake.registerRun({ runId, headBranch: 'main' }).env)
        const up = await mkdtemp(join(root, 'up-'))
        await writeFile(join(up, file), bytes)
        await transport.upload(name, [join(up, file)], up, 90)
      }
      await upload(99_999, SNAPSHOT_ARTIFACT_NAME, SNAPSHOT_FILE_NAME, snapshotBytes)
      for (const r of newer) await upload(r.run.runId, RUN_ARTIFACT_NAME, RECORD_FILE_NAME, encodeRecord(r))
      const store = createArtifactsStore({
        client: createGitHubClient({
          token: 'bench-token',
          env: process.env,
          mask: () => undefined,
          log: { warning: () => undefined },
        }),
        transport,
        repository,
        repositoryId: fake.state.repository.id,
        workDirectory: join(root, 'work'),
        clock: { now: () => now },
      })
      report(
        'artifacts (fake, real clients)',
        await measure(store),
        `; ${fake.state.requests.length} requests in total`,
      )
    } finally {
      await fake.close()
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
