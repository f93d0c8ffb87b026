/**
 * The artifacts backend, with the real @actions/artifact and Octokit clients against the GitHub fake:
 * the shared contract, then what only artifacts have (fork poisoning, expiry, size bounds, faults, 409,
 * quota, pagination). See `harness.ts` for how one process acts as several runs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createActionsArtifactTransport } from '../../../src/history/artifact-transport.js'
import {
  RECORD_FILE_NAME,
  RUN_ARTIFACT_NAME,
  SNAPSHOT_ARTIFACT_NAME,
  SNAPSHOT_FILE_NAME,
} from '../../../src/history/constants.js'
import { emptyHistory } from '../../../src/history/history.js'
import { decodeSnapshot, encodeSnapshot } from '../../../src/history/snapshot-codec.js'
import type { HistoryQuery } from '../../../src/history/store.js'
import { defaultTrustPolicy } from '../../../src/history/trust.js'
import type { GitHubFake } from '../../fakes/github-fake.js'
import { startGitHubFake } from '../../fakes/github-fake.js'
import { daysAgo, makeRecord } from '../../fixtures/history/records.js'
import type { ContractEnv } from './contract.js'
import { historyStoreContract } from './contract.js'
import { REST_TOKEN, actAs, artifactsStore, cleanup, fixedClock, prepareEnvironment } from './harness.js'
import { unzipSync } from '../../fakes/zip-reader.js'

const FORK_REPOSITORY_ID = 666
const clock = fixedClock(new Date())
let fake: GitHubFake
let workspace = ''

beforeAll(async () => {
  fake = await startGitHubFake({
    owner: 'acme',
    repo: 'widgets',
    repositoryId: 1000,
    token: REST_TOKEN,
    now: () => clock.now(),
  })
  workspace = await prepareEnvironment(fake)
})
afterAll(async () => {
  await fake.close()
  await cleanup(workspace)
})

/** Uploads arbitrary bytes as an artifact of the run the process acts as (bypassing the store). */
async function uploadRaw(name: string, fileName: string, bytes: Buffer): Promise<void> {
  const dir = await mkdtemp(join(workspace, 'raw-'))
  await writeFile(join(dir, fileName), bytes)
  const transport = createActionsArtifactTransport({
    token: REST_TOKEN,
    repository: { owner: 'acme', repo: 'widgets' },
  })
  await transport.upload(name, [join(dir, fileName)], dir, 90)
  await rm(dir, { recursive: true, force: true })
}

const env: ContractEnv = {
  asRun(run) {
    actAs(fake, {
      runId: run.runId,
      headBranch: run.branch,
      ...(run.fork ? { headRepositoryId: FORK_REPOSITORY_ID } : {}),
    })
    return Promise.resolve(artifactsStore(fake, workspace, clock).store)
  },
  setNow: (d) => clock.set(d),
  async plantRecordBytes(run, bytes) {
    actAs(fake, { runId: run.runId, headBranch: run.branch })
    await uploadRaw(RUN_ARTIFACT_NAME, RECORD_FILE_NAME, bytes)
  },
  latestSnapshot() {
    const newest = fake.artifactsNamed(SNAPSHOT_ARTIFACT_NAME)[0]
    if (!newest) return Promise.resolve(null)
    const zip = fake.blobBytes(newest.id)
    const file = zip ? unzipSync(zip).get(SNAPSHOT_FILE_NAME) : undefined
    return Promise.resolve(file ? decodeSnapshot(file, `snapshot #${newest.id}`) : null)
  },
  reset() {
    fake.reset()
    return Promise.resolve()
  },
}

historyStoreContract('artifacts (real clients, GitHub fake)', () => env)

describe('artifacts backend only', () => {
  const policy = defaultTrustPolicy('main')
  const query: HistoryQuery = { policy, retentionDays: 90, pullRequest: null }
  const now = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000)

  beforeEach(() => {
    fake.reset()
    clock.set(now)
  })

  async function trustedRun(runId: number, daysBack: number, value = 100): Promise<void> {
    const store = await env.asRun({ runId, branch: 'main' })
    const history = await store.load(query)
    const r = await store.save(makeRecord({ runId, timestamp: daysAgo(now, daysBack), value }), {
      history,
      policy,
      retentionDays: 90,
    })
    expect(r.warnings).toEqual([])
  }

  it('never lets a fork’s poisoned gauntlet-history or gauntlet-run reach the baseline', async () => {
    await trustedRun(1, 3)
    // The fork's run claims, inside its artifacts, to be a push to main of the base repository.
    actAs(fake, { runId: 666, headBranch: 'main', headRepositoryId: FORK_REPOSITORY_ID })
    const poisoned = makeRecord({ runId: 666, timestamp: daysAgo(now, 0), value: 1e9 })
    await uploadRaw(
      SNAPSHOT_ARTIFACT_NAME,
      SNAPSHOT_FILE_NAME,
      encodeSnapshot({ createdAt: now.toISOString(), entries: [{ record: poisoned, artifactId: null }] }),
    )
    await uploadRaw(RUN_ARTIFACT_NAME, RECORD_FILE_NAME, gzipSync(JSON.stringify(poisoned)))
    // A same-repository artifact whose record lies about its run is refused too.
    actAs(fake, { runId: 667, headBranch: 'main' })
    await uploadRaw(RUN_ARTIFACT_NAME, RECORD_FILE_NAME, gzipSync(JSON.stringify(poisoned)))

    const h = await (await env.asRun({ runId: 2, branch: 'main' })).load(query)
    expect(h.baseline.map((r) => r.run.runId)).toEqual([1])
    expect(h.baseline.flatMap((r) => r.metrics.map((m) => m.value)).every((v) => v < 1e6)).toBe(true)
    const text = h.warnings.join('\n')
    expect(text).toMatch(/gauntlet-history #\d+ \(run 666\): not trusted.*fork/)
    expect(text).toMatch(/run 667\).*foreign.*claims run 666/)
  })

  it('skips expired artifacts (flag or expires_at) and warns about early expiry', async () => {
    await trustedRun(10, 3)
    await trustedRun(11, 2)
    const [snap11] = fake.artifactsNamed(SNAPSHOT_ARTIFACT_NAME)
    const run11 = fake.artifactsNamed(RUN_ARTIFACT_NAME)[0]!
    fake.expireArtifact(snap11!.id)
    fake.setArtifactTimes(run11.id, { expiresAt: new Date(now.getTime() - 1) })
    const h = await (await env.asRun({ runId: 12, branch: 'main' })).load(query)
    // Run 10's snapshot is used; run 11's record expired, so it is missing and named.
    expect(h.watermark?.source).toMatch(/run 10\)/)
    expect(h.baseline.map((r) => r.run.runId)).toEqual([10])
    expect(h.warnings.join('\n')).toMatch(/gauntlet-run #\d+ \(run 11\): skipped \(expired\)/)
    expect(fake.state.requests.some((r) => r.path.endsWith(`/artifacts/${run11.id}/zip`))).toBe(false)
  })

  it('does not download an oversized artifact and names it', async () => {
    actAs(fake, { runId: 20, headBranch: 'main' })
    await uploadRaw(
      RUN_ARTIFACT_NAME,
      RECORD_FILE_NAME,
      gzipSync(JSON.stringify(makeRecord({ runId: 20, timestamp: daysAgo(now, 1), metrics: 50 }))),
    )
    const store = artifactsStore(fake, workspace, clock, { maxRecordBytes: 200 }).store
    const h = await store.load(query)
    expect(h.baseline).toEqual([])
    expect(h.warnings.join('\n')).toMatch(/gauntlet-run #\d+ \(run 20\): skipped \(oversized\)/)
    expect(fake.state.requests.some((r) => r.path.endsWith('/zip'))).toBe(false)
  })

  it('skips a download whose blob is truncated in transit, naming it', async () => {
    await trustedRun(30, 1)
    const snapshot = fake.artifactsNamed(SNAPSHOT_ARTIFACT_NAME)[0]!
    const zip = fake.blobBytes(snapshot.id)!
    // Every transfer is cut: @actions/artifact retries 5 times 5 s apart (25 s, its fixed policy), then gives up.
    fake.addFault({ method: 'GET', path: snapshot.blobKey, truncateTo: Math.floor(zip.length * 0.6) })
    const h = await (await env.asRun({ runId: 31, branch: 'main' })).load(query)
    expect(h.warnings.join('\n')).toMatch(/gauntlet-history #\d+ \(run 30\)/)
    // The record itself is still found through its own artifact: nothing lost.
    expect(h.baseline.map((r) => r.run.runId)).toEqual([30])
  })

  it('recovers from one truncated transfer (the client retries it)', async () => {
    await trustedRun(32, 1)
    const snapshot = fake.artifactsNamed(SNAPSHOT_ARTIFACT_NAME)[0]!
    const cut = fake.addFault({ method: 'GET', path: snapshot.blobKey, times: 1, truncateTo: 100 })
    const h = await (await env.asRun({ runId: 33, branch: 'main' })).load(query)
    expect(cut.hits).toBe(1)
    expect(h.warnings).toEqual([])
    expect(h.watermark?.artifactId).toBe(snapshot.id)
  })

  it('follows Link pagination across more than one page of artifacts', async () => {
    const many = 105
    for (let i = 0; i < many; i++) {
      fake.state.artifacts.push({
        id: fake.state.nextArtifactId++,
        name: RUN_ARTIFACT_NAME,
        run: fake.registerRun({ runId: 5000 + i, headBranch: `pr-${i}` }).run,
        blobKey: `none-${i}`,
        size: 10,
        digest: null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 86_400_000),
        expired: false,
        finalized: true,
        deleted: false,
      })
    }
    await trustedRun(40, 1)
    const lists = fake.state.requests.filter(
      (r) => r.path.endsWith('/actions/artifacts') && r.query.includes(RUN_ARTIFACT_NAME),
    )
    expect(lists.map((r) => new URLSearchParams(r.query).get('page') ?? '1')).toEqual(['1', '2'])
    const h = await (await env.asRun({ runId: 41, branch: 'main' })).load(query)
    expect(h.baseline.map((r) => r.run.runId)).toEqual([40])
  })

  it.each([
    { prepared: 'the saved record (alerts added since)', other: false },
    { prepared: 'another record (tests differ)', other: true },
  ])('writes the same snapshot after prepareSave with $prepared as without it', async ({ other }) => {
    await trustedRun(1, 2)
    const store = await env.asRun({ runId: 2, branch: 'main' })
    const history = await store.load(query)
    const record = makeRecord({ runId: 2, timestamp: daysAgo(now, 1), tests: 4 })
    store.prepareSave?.(other ? { ...record, tests: record.tests.slice(1) } : record, {
      history,
      policy,
      retentionDays: 90,
    })
    const alerts = [
      {
        key: 'k',
        findingId: 'f',
        severity: 'warning' as const,
        openedAt: now.toISOString(),
        lastNotifiedAt: now.toISOString(),
        channels: ['email' as const],
      },
    ]
    const saved = { ...record, alerts }
    const r = await store.save(saved, { history, policy, retentionDays: 90 })
    expect(r).toEqual({ recordSaved: true, snapshotSaved: true, warnings: [] })
    const snapshot = await env.latestSnapshot()
    const runIds = fake
      .artifactsNamed(RUN_ARTIFACT_NAME)
      .map((a) => [a.run.runId, a.id] as const)
      .sort((a, b) => a[0] - b[0])
    expect(snapshot?.entries.map((e) => [e.record.run.runId, e.artifactId])).toEqual(runIds)
    expect(JSON.parse(JSON.stringify(snapshot?.entries[1]?.record))).toEqual(
      JSON.parse(JSON.stringify(saved)),
    )
  })

  it('turns a 409 on upload into a warning, not a failure', async () => {
    const store = await env.asRun({ runId: 50, branch: 'main' })
    const record = makeRecord({ runId: 50, timestamp: daysAgo(now, 0) })
    expect(
      (await store.save(record, { history: emptyHistory(), policy, retentionDays: 90 })).warnings,
    ).toEqual([])
    const again = await store.save(
      { ...record, run: { ...record.run, attempt: 2 } },
      { history: emptyHistory(), policy, retentionDays: 90 },
    )
    expect(again.recordSaved).toBe(false)
    expect(again.snapshotSaved).toBe(false)
    expect(again.warnings.join('\n')).toMatch(
      /gauntlet-run: an artifact with this name already exists.*another job of the run/,
    )
  })

  it.each([
    { attempt: 1, replaced: false },
    { attempt: 2, replaced: true },
  ])(
    'a 409 on attempt $attempt: replaced by this attempt = $replaced (a re-run overwrites its own earlier upload)',
    async ({ attempt, replaced }) => {
      actAs(fake, { runId: 70, headBranch: 'main' })
      const dir = await mkdtemp(join(workspace, 'rerun-'))
      const upload = async (text: string) => {
        await writeFile(join(dir, 'x.txt'), text)
        return createActionsArtifactTransport({
          token: REST_TOKEN,
          repository: { owner: 'acme', repo: 'widgets' },
          runAttempt: attempt,
        }).upload('gauntlet-rerun-probe', [join(dir, 'x.txt')], dir, 90)
      }
      const firstId = await upload('first attempt')
      const second = upload('second attempt')
      if (replaced) await expect(second).resolves.not.toBe(firstId)
      else await expect(second).rejects.toThrow(/already exists.*another job of the run/)
      const named = fake.artifactsNamed('gauntlet-rerun-probe')
      expect(named).toHaveLength(1)
      const zip = fake.blobBytes(named[0]!.id)
      expect(zip && unzipSync(zip).get('x.txt')?.toString()).toBe(
        replaced ? 'second attempt' : 'first attempt',
      )
      await rm(dir, { recursive: true, force: true })
    },
  )

  it('turns an exhausted storage quota into a warning', async () => {
    fake.addFault({
      path: 'CreateArtifact',
      status: 403,
      body: { code: 'resource_exhausted', msg: 'insufficient usage to create artifact' },
    })
    const store = await env.asRun({ runId: 60, branch: 'main' })
    const r = await store.save(makeRecord({ runId: 60, timestamp: daysAgo(now, 0) }), {
      history: emptyHistory(),
      policy,
      retentionDays: 90,
    })
    expect(r).toMatchObject({ recordSaved: false, snapshotSaved: false })
    expect(r.warnings[0]).toMatch(/gauntlet-run: the artifact storage quota is used up/)
  })

  it('retries a transient 5xx and 429s (secondary-limit and plain) on the REST listing', async () => {
    await trustedRun(70, 1)
    const e503 = fake.addFault({ method: 'GET', path: /\/actions\/artifacts$/, times: 1, status: 503 })
    const h1 = await (await env.asRun({ runId: 71, branch: 'main' })).load(query)
    expect(e503.hits).toBe(1)
    expect(h1.baseline.map((r) => r.run.runId)).toEqual([70])
    const secondary = fake.addFault({
      method: 'GET',
      path: /\/actions\/artifacts$/,
      times: 1,
      status: 429,
      headers: { 'retry-after': '1' },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
    })
    const plain = fake.addFault({
      method: 'GET',
      path: /\/actions\/artifacts$/,
      times: 1,
      status: 429,
      headers: { 'retry-after': '2' },
    })
    const harness = artifactsStore(fake, workspace, clock)
    const h2 = await harness.store.load(query)
    expect([secondary.hits, plain.hits]).toEqual([1, 1])
    expect(h2.baseline.map((r) => r.run.runId)).toEqual([70])
    // Both limits are honoured with the server's own Retry-After (the plugin's unit is shortened in tests).
    expect(harness.logged.join('\n')).toMatch(/secondary rate limit on GET .*retrying after 1 s/)
    expect(harness.logged.join('\n')).toMatch(/GitHub plain 429 rate limit on GET .*retrying after 2 s/)
    expect(harness.masked).toContain(REST_TOKEN)
  })

  it('gives an empty history with a clear warning when the listing keeps failing', async () => {
    fake.addFault({
      method: 'GET',
      path: /\/actions\/artifacts$/,
      status: 401,
      body: { message: 'Bad credentials' },
    })
    const h = await (await env.asRun({ runId: 80, branch: 'main' })).load(query)
    expect(h.baseline).toEqual([])
    expect(h.warnings.join('\n')).toMatch(/history not loaded: listing artifacts failed: .*Bad credentials/)
  })

  it('bounds downloads of newer records and says how many were left', async () => {
    for (let i = 0; i < 4; i++) {
      actAs(fake, { runId: 90 + i, headBranch: 'main' })
      await uploadRaw(
        RUN_ARTIFACT_NAME,
        RECORD_FILE_NAME,
        gzipSync(JSON.stringify(makeRecord({ runId: 90 + i, timestamp: daysAgo(now, 4 - i) }))),
      )
    }
    const store = artifactsStore(fake, workspace, clock, { maxRecordDownloads: 2 }).store
    const h = await store.load(query)
    expect(h.baseline.map((r) => r.run.runId)).toEqual([92, 93])
    expect(h.warnings.join('\n')).toMatch(
      /2 older gauntlet-run artifacts not yet in a snapshot were not loaded/,
    )
  })
})
