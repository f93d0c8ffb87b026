/**
 * The contract every HistoryStore backend passes. `directory-store.test.ts` and `artifacts-store.test.ts` run
 * it against the directory backend and against the artifacts backend (real clients, GitHub fake).
 */
import { gzipSync } from 'node:zlib'
import { beforeEach, describe, expect, it } from 'vitest'
import { emptyHistory } from '../../../src/history/history.js'
import type { Snapshot } from '../../../src/history/snapshot-codec.js'
import type { HistoryQuery, HistoryStore } from '../../../src/history/store.js'
import { defaultTrustPolicy } from '../../../src/history/trust.js'
import type { RunRecord } from '../../../src/model/index.js'
import { daysAgo, makeRecord } from '../../fixtures/history/records.js'

/** A run as the contract drives it. */
export interface ContractRun {
  readonly runId: number
  readonly branch: string
  /** Acts as a fork's run (head repository differs from the base). */
  readonly fork?: boolean
}

export interface ContractEnv {
  /** Makes the backend act as this run and returns the store to use for it. */
  asRun(run: ContractRun): Promise<HistoryStore>
  /** Sets the time seen by stores (and by the fake). */
  setNow(now: Date): void
  /** Stores these bytes as the given run's record, bypassing the store (for corrupt or foreign content). */
  plantRecordBytes(run: ContractRun, bytes: Buffer): Promise<void>
  /** The newest snapshot the backend holds, decoded. */
  latestSnapshot(): Promise<Snapshot | null>
  /** Forgets everything stored. */
  reset(): Promise<void>
}

const BASE_NOW = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000)
const policy = defaultTrustPolicy('main')
const query = (extra: Partial<HistoryQuery> = {}): HistoryQuery => ({
  policy,
  retentionDays: 90,
  pullRequest: null,
  ...extra,
})

/** Runs one run's full cycle: load, then save its record on top of what it loaded. */
async function cycle(env: ContractEnv, record: RunRecord, fork = false): Promise<void> {
  const store = await env.asRun({ runId: record.run.runId, branch: record.run.branch, fork })
  const history = await store.load(query())
  const result = await store.save(record, { history, policy, retentionDays: 90 })
  expect(result.warnings).toEqual([])
}

export function historyStoreContract(name: string, getEnv: () => ContractEnv): void {
  describe(`HistoryStore contract: ${name}`, () => {
    beforeEach(async () => {
      await getEnv().reset()
      getEnv().setNow(BASE_NOW)
    })

    it('loads an empty history with no warnings', async () => {
      const store = await getEnv().asRun({ runId: 1, branch: 'main' })
      const h = await store.load(query())
      expect(h.baseline).toEqual([])
      expect(h.pullRequest).toEqual([])
      expect(h.watermark).toBeNull()
      expect(h.warnings).toEqual([])
    })

    it('saves a trusted run and loads it back unchanged, with a snapshot watermark', async () => {
      const env = getEnv()
      const record = makeRecord({ runId: 10, timestamp: daysAgo(BASE_NOW, 1), metrics: 4, tests: 3 })
      await cycle(env, record)
      const h = await (await env.asRun({ runId: 11, branch: 'main' })).load(query())
      expect(h.baseline).toHaveLength(1)
      expect(JSON.parse(JSON.stringify(h.baseline[0]))).toEqual(JSON.parse(JSON.stringify(record)))
      expect(h.watermark?.records).toBe(1)
      expect(h.watermark?.newestRecordAt).toBe(record.run.timestamp)
    })

    it('keeps every run of a sequence exactly once (snapshot and own records merge idempotently)', async () => {
      const env = getEnv()
      for (let i = 0; i < 5; i++)
        await cycle(env, makeRecord({ runId: 100 + i, timestamp: daysAgo(BASE_NOW, 5 - i) }))
      const h = await (await env.asRun({ runId: 200, branch: 'main' })).load(query())
      expect(h.baseline.map((r) => r.run.runId)).toEqual([100, 101, 102, 103, 104])
      expect((await env.latestSnapshot())?.entries.map((e) => e.record.run.runId)).toEqual([
        100, 101, 102, 103, 104,
      ])
    })

    it('loses no run when two runs load before either saves', async () => {
      const env = getEnv()
      const a = makeRecord({ runId: 301, timestamp: daysAgo(BASE_NOW, 0, 10) })
      const b = makeRecord({ runId: 302, timestamp: daysAgo(BASE_NOW, 0, 5) })
      const storeA = await env.asRun({ runId: 301, branch: 'main' })
      const loadedA = await storeA.load(query())
      const storeB = await env.asRun({ runId: 302, branch: 'main' })
      const loadedB = await storeB.load(query())
      await (
        await env.asRun({ runId: 301, branch: 'main' })
      ).save(a, { history: loadedA, policy, retentionDays: 90 })
      await (
        await env.asRun({ runId: 302, branch: 'main' })
      ).save(b, { history: loadedB, policy, retentionDays: 90 })
      const h = await (await env.asRun({ runId: 303, branch: 'main' })).load(query())
      expect(h.baseline.map((r) => r.run.runId)).toEqual([301, 302])
      void storeB
    })

    it('prunes records older than the retention window from loads and from the next snapshot', async () => {
      const env = getEnv()
      await cycle(env, makeRecord({ runId: 401, timestamp: daysAgo(BASE_NOW, 80) }))
      await cycle(env, makeRecord({ runId: 402, timestamp: daysAgo(BASE_NOW, 1) }))
      expect((await env.latestSnapshot())?.entries).toHaveLength(2)
      // Fifteen days later run 401 is 95 days old.
      env.setNow(new Date(BASE_NOW.getTime() + 15 * 86_400_000))
      await cycle(env, makeRecord({ runId: 403, timestamp: daysAgo(BASE_NOW, -15) }))
      const h = await (await env.asRun({ runId: 404, branch: 'main' })).load(query())
      expect(h.baseline.map((r) => r.run.runId)).toEqual([402, 403])
      expect((await env.latestSnapshot())?.entries.map((e) => e.record.run.runId)).toEqual([402, 403])
    })

    it('keeps pull-request records apart, for the pull request only, and writes no snapshot for them', async () => {
      const env = getEnv()
      await cycle(env, makeRecord({ runId: 501, timestamp: daysAgo(BASE_NOW, 2) }))
      const pr = makeRecord({
        runId: 502,
        timestamp: daysAgo(BASE_NOW, 1),
        branch: 'feature',
        event: 'pull_request',
        prNumber: 7,
        value: 1,
      })
      const prStore = await env.asRun({ runId: 502, branch: 'feature' })
      const saved = await prStore.save(pr, {
        history: await prStore.load(query()),
        policy,
        retentionDays: 90,
      })
      expect(saved).toMatchObject({ recordSaved: true, snapshotSaved: false })
      const reader = await env.asRun({ runId: 503, branch: 'feature' })
      const h = await reader.load(
        query({ pullRequest: { number: 7, headBranch: 'feature', headRepositoryId: null } }),
      )
      expect(h.baseline.map((r) => r.run.runId)).toEqual([501])
      expect(h.pullRequest.map((r) => r.run.runId)).toEqual([502])
      const other = await reader.load(
        query({ pullRequest: { number: 8, headBranch: 'other', headRepositoryId: null } }),
      )
      expect(other.pullRequest).toEqual([])
    })

    it('leaves pushes to other branches out of the baseline', async () => {
      const env = getEnv()
      await cycle(env, makeRecord({ runId: 601, timestamp: daysAgo(BASE_NOW, 2), branch: 'release' }))
      const h = await (await env.asRun({ runId: 602, branch: 'main' })).load(query())
      expect(h.baseline).toEqual([])
    })

    it('skips a record of a newer schema with a warning naming it', async () => {
      const env = getEnv()
      const future = { ...makeRecord({ runId: 701, timestamp: daysAgo(BASE_NOW, 1) }), schema: 99 }
      await env.plantRecordBytes({ runId: 701, branch: 'main' }, gzipSync(JSON.stringify(future)))
      const h = await (await env.asRun({ runId: 702, branch: 'main' })).load(query())
      expect(h.baseline).toEqual([])
      expect(h.warnings.join('\n')).toMatch(/701.*future-schema.*schema 99/)
    })

    it('migrates a record of an older schema on read', async () => {
      const env = getEnv()
      const {
        schema: _s,
        stages: _st,
        chaos: _c,
        ...v0
      } = makeRecord({ runId: 801, timestamp: daysAgo(BASE_NOW, 1) })
      const { headRepository: _h, prNumber: _p, baseBranch: _b, ...run } = v0.run
      await env.plantRecordBytes({ runId: 801, branch: 'main' }, gzipSync(JSON.stringify({ ...v0, run })))
      const h = await (await env.asRun({ runId: 802, branch: 'main' })).load(query())
      expect(h.warnings).toEqual([])
      expect(h.baseline).toHaveLength(1)
      expect(h.baseline[0]).toMatchObject({
        schema: 1,
        stages: [],
        chaos: [],
        run: { headRepository: 'acme/widgets' },
      })
    })

    it('skips corrupt and truncated records with a warning naming each', async () => {
      const env = getEnv()
      const good = gzipSync(JSON.stringify(makeRecord({ runId: 901, timestamp: daysAgo(BASE_NOW, 1) })))
      await env.plantRecordBytes({ runId: 901, branch: 'main' }, good.subarray(0, good.length - 20))
      await env.plantRecordBytes({ runId: 902, branch: 'main' }, Buffer.from('this is not gzip'))
      await env.plantRecordBytes({ runId: 903, branch: 'main' }, gzipSync('{"schema": 1, "run": 5}'))
      const h = await (await env.asRun({ runId: 904, branch: 'main' })).load(query())
      expect(h.baseline).toEqual([])
      const text = h.warnings.join('\n')
      expect(text).toMatch(/901.*truncated/)
      expect(text).toMatch(/902.*corrupt/)
      expect(text).toMatch(/903.*invalid/)
    })

    it('exposes the open alerts of the newest trusted record', async () => {
      const env = getEnv()
      const alert = {
        key: 'acme/widgets:main:bench-0',
        findingId: 'bench-0',
        severity: 'error',
        openedAt: daysAgo(BASE_NOW, 2),
        lastNotifiedAt: daysAgo(BASE_NOW, 1),
        channels: ['slack'],
      }
      await cycle(env, makeRecord({ runId: 1001, timestamp: daysAgo(BASE_NOW, 2), alerts: [] }))
      await cycle(env, makeRecord({ runId: 1002, timestamp: daysAgo(BASE_NOW, 1), alerts: [alert] }))
      const h = await (await env.asRun({ runId: 1003, branch: 'main' })).load(query())
      expect(h.openAlerts).toEqual([alert])
    })

    it('saves shard records of a run and loads exactly that run’s shards', async () => {
      const env = getEnv()
      const store = await env.asRun({ runId: 1101, branch: 'main' })
      const s1 = { ...makeRecord({ runId: 1101, timestamp: daysAgo(BASE_NOW, 0) }) }
      for (const shard of ['b', 'a']) {
        const r = await store.saveShard(shard, { ...s1, run: { ...s1.run, shard } }, 90)
        expect(r.recordSaved).toBe(true)
      }
      const other = await env.asRun({ runId: 1102, branch: 'main' })
      await other.saveShard('a', makeRecord({ runId: 1102, timestamp: daysAgo(BASE_NOW, 0) }), 90)
      const loaded = await (await env.asRun({ runId: 1103, branch: 'main' })).loadShards(1101)
      expect(loaded.warnings).toEqual([])
      expect(loaded.shards.map((s) => [s.shard, s.record.run.runId, s.record.run.shard])).toEqual([
        ['a', 1101, 'a'],
        ['b', 1101, 'b'],
      ])
      await expect(store.saveShard('../x', s1, 90)).rejects.toThrow(/not allowed/)
    })

    it('reports nothing saved but does not throw when the snapshot input is empty history', async () => {
      const env = getEnv()
      const store = await env.asRun({ runId: 1201, branch: 'main' })
      const r = await store.save(makeRecord({ runId: 1201, timestamp: daysAgo(BASE_NOW, 0) }), {
        history: emptyHistory(),
        policy,
        retentionDays: 90,
      })
      expect(r).toEqual({ recordSaved: true, snapshotSaved: true, warnings: [] })
    })
  })
}
