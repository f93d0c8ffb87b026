/**
 * The `directory` backend: history in a local folder (`.gauntlet/history` by default).
 *
 *   runs/<runId>-<attempt>.json.gz     one gzipped record per run (like `gauntlet-run`)
 *   snapshot.gsnap.gz                   the rolling snapshot (like `gauntlet-history`)
 *   shards/<runId>/<shard>.json.gz      partial records of `mode: collect`
 *
 * Writes go to a temporary name and are renamed into place, so a reader never sees half a file and two local
 * writers lose nothing: a record file missing from the newest snapshot is merged on the next load.
 * The folder belongs to the user, so records are judged by their own fields (there is no listing provenance).
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Clock, RunRecord } from '../model/index.js'
import { DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_SNAPSHOT_BYTES } from './constants.js'
import { HistoryArtifactError } from './errors.js'
import type { History, SnapshotWatermark, SourcedRecord } from './history.js'
import { assembleHistory, nextSnapshotEntries } from './history.js'
import { mergeRecords, pruneRecords, recordKey, retentionCutoff } from './merge.js'
import { decodeRecord, encodeRecord } from './record-codec.js'
import { selectShards, shardArtifactName } from './shard-name.js'
import type { Snapshot, SnapshotEntry } from './snapshot-codec.js'
import { decodeSnapshot, encodeSnapshot } from './snapshot-codec.js'
import type { HistoryQuery, HistoryStore, SaveOptions, SaveResult, ShardRecords } from './store.js'
import { judgeRecord } from './trust.js'

const RUNS_DIR = 'runs'
const SHARDS_DIR = 'shards'
const SNAPSHOT_FILE = 'snapshot.gsnap.gz'
const RECORD_FILE_RE = /^(\d+)-(\d+)\.json\.gz$/

export interface DirectoryStoreOptions {
  readonly directory: string
  readonly clock: Clock
  readonly maxRecordBytes?: number
  readonly maxSnapshotBytes?: number
}

/** Every readable record in the folder, regardless of trust (for `gauntlet history show|export`). */
export interface DirectoryContents {
  readonly records: readonly RunRecord[]
  readonly snapshot: Snapshot | null
  readonly warnings: readonly string[]
}

/** The directory backend, with extra methods the CLI uses to inspect and move history. */
export interface DirectoryHistoryStore extends HistoryStore {
  readonly kind: 'directory'
  readonly directory: string
  /** Reads everything readable, trusted or not, deduplicated by run id + attempt. */
  readAll(): Promise<DirectoryContents>
  /** Writes records as record files (existing run ids + attempts are kept) and returns how many were new. */
  importRecords(records: readonly RunRecord[]): Promise<number>
  /**
   * Deletes record files and snapshot entries older than the retention window.
   * @returns how many record files were deleted and how many records the rewritten snapshot holds
   */
  prune(retentionDays: number): Promise<{ readonly deletedFiles: number; readonly snapshotRecords: number }>
}

async function writeAtomic(path: string, bytes: Buffer): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`
  await writeFile(tmp, bytes)
  await rename(tmp, path)
}

function warningOf(err: unknown): string {
  return err instanceof HistoryArtifactError ? err.message : `unexpected error: ${String(err)}`
}

/** True when `directory` holds a history folder written by this backend (record files or a snapshot). */
export async function isHistoryDirectory(directory: string): Promise<boolean> {
  const probes = await Promise.allSettled([
    stat(join(directory, RUNS_DIR)),
    stat(join(directory, SNAPSHOT_FILE)),
  ])
  return probes.some((p) => p.status === 'fulfilled')
}

/** Creates the directory backend. Nothing is read or created until a method is called. */
export function createDirectoryStore(options: DirectoryStoreOptions): DirectoryHistoryStore {
  const root = options.directory
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES
  const maxSnapshotBytes = options.maxSnapshotBytes ?? DEFAULT_MAX_SNAPSHOT_BYTES
  const runsDir = join(root, RUNS_DIR)
  const snapshotPath = join(root, SNAPSHOT_FILE)

  async function readBounded(path: string, max: number): Promise<Buffer> {
    const info = await stat(path)
    if (info.size > max) {
      throw new HistoryArtifactError(path, 'oversized', `${info.size} bytes is over the limit of ${max}`)
    }
    return readFile(path)
  }

  async function readSnapshot(warnings: string[]): Promise<Snapshot | null> {
    let bytes: Buffer
    try {
      bytes = await readBounded(snapshotPath, maxSnapshotBytes)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      warnings.push(warningOf(err))
      return null
    }
    try {
      return decodeSnapshot(bytes, snapshotPath)
    } catch (err) {
      warnings.push(warningOf(err))
      return null
    }
  }

  async function listRecordFiles(): Promise<{ name: string; key: string }[]> {
    let names: string[]
    try {
      names = await readdir(runsDir)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw err
    }
    const out: { name: string; key: string }[] = []
    for (const name of names) {
      const m = RECORD_FILE_RE.exec(name)
      if (m) out.push({ name, key: `${Number(m[1])}#${Number(m[2])}` })
    }
    return out
  }

  async function readRecordFile(name: string, key: string): Promise<RunRecord> {
    const path = join(runsDir, name)
    const record = decodeRecord(await readBounded(path, maxRecordBytes), path)
    if (recordKey(record) !== key) {
      throw new HistoryArtifactError(
        path,
        'foreign',
        `holds run ${recordKey(record)}, not ${key} as its name says`,
      )
    }
    return record
  }

  /** Records in files that the snapshot does not already hold. */
  async function readNewerFiles(known: ReadonlySet<string>, warnings: string[]): Promise<RunRecord[]> {
    const out: RunRecord[] = []
    for (const { name, key } of await listRecordFiles()) {
      if (known.has(key)) continue
      try {
        out.push(await readRecordFile(name, key))
      } catch (err) {
        warnings.push(warningOf(err))
      }
    }
    return out
  }

  async function writeSnapshot(entries: readonly SnapshotEntry[]): Promise<void> {
    await mkdir(root, { recursive: true })
    await writeAtomic(snapshotPath, encodeSnapshot({ createdAt: options.clock.now().toISOString(), entries }))
  }

  async function writeRecordFile(record: RunRecord): Promise<boolean> {
    await mkdir(runsDir, { recursive: true })
    const path = join(runsDir, `${record.run.runId}-${record.run.attempt}.json.gz`)
    try {
      await stat(path)
      return false
    } catch {
      await writeAtomic(path, encodeRecord(record))
      return true
    }
  }

  const store: DirectoryHistoryStore = {
    kind: 'directory',
    directory: root,

    async load(query: HistoryQuery): Promise<History> {
      const warnings: string[] = []
      const now = options.clock.now()
      const snapshot = await readSnapshot(warnings)
      const snapshotEntries = (snapshot?.entries ?? []).filter(
        (e) => judgeRecord(e.record, null, query.policy).trusted,
      )
      const known = new Set((snapshot?.entries ?? []).map((e) => recordKey(e.record)))
      const newer: SourcedRecord[] = []
      const pullRequest: RunRecord[] = []
      for (const record of await readNewerFiles(known, warnings)) {
        if (judgeRecord(record, null, query.policy).trusted) newer.push({ record, artifactId: null })
        else if (query.pullRequest && record.run.prNumber === query.pullRequest.number)
          pullRequest.push(record)
      }
      const kept = pruneRecords(
        snapshotEntries.map((e) => e.record),
        now,
        query.retentionDays,
      )
      const watermark: SnapshotWatermark | null = snapshot
        ? {
            source: snapshotPath,
            artifactId: null,
            createdAt: snapshot.createdAt,
            records: kept.length,
            newestRecordAt: kept[kept.length - 1]?.run.timestamp ?? null,
          }
        : null
      return assembleHistory({
        snapshot: snapshotEntries,
        watermark,
        newer,
        pullRequest,
        warnings,
        now,
        retentionDays: query.retentionDays,
      })
    },

    async save(record: RunRecord, opts: SaveOptions): Promise<SaveResult> {
      const warnings: string[] = []
      let recordSaved = false
      let snapshotSaved = false
      try {
        recordSaved = await writeRecordFile(record)
        if (!recordSaved)
          warnings.push(`history: run ${recordKey(record)} is already in ${runsDir}; kept the earlier file`)
      } catch (err) {
        warnings.push(`history not saved: ${runsDir}: ${(err as Error).message}`)
      }
      if (judgeRecord(record, null, opts.policy).trusted) {
        try {
          const now = options.clock.now()
          await writeSnapshot(
            nextSnapshotEntries(opts.history, { record, artifactId: null }, now, opts.retentionDays),
          )
          snapshotSaved = true
        } catch (err) {
          warnings.push(`history snapshot not saved: ${snapshotPath}: ${(err as Error).message}`)
        }
      }
      return { recordSaved, snapshotSaved, warnings }
    },

    async saveShard(shard: string, record: RunRecord): Promise<SaveResult> {
      const name = shardArtifactName(shard)
      const dir = join(root, SHARDS_DIR, String(record.run.runId))
      try {
        await mkdir(dir, { recursive: true })
        await writeAtomic(join(dir, `${name}.json.gz`), encodeRecord(record))
        return { recordSaved: true, snapshotSaved: false, warnings: [] }
      } catch (err) {
        return {
          recordSaved: false,
          snapshotSaved: false,
          warnings: [`shard ${shard} not saved: ${(err as Error).message}`],
        }
      }
    },

    async loadShards(runId: number, expected: readonly string[] = []): Promise<ShardRecords> {
      const dir = join(root, SHARDS_DIR, String(runId))
      const warnings: string[] = []
      const shards: { shard: string; record: RunRecord }[] = []
      let names: string[] = []
      try {
        names = (await readdir(dir)).sort()
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
          warnings.push(`${dir}: ${(err as Error).message}`)
      }
      const found = names
        .filter((file) => file.endsWith('.json.gz'))
        .map((file) => ({ file, shard: file.slice(0, -'.json.gz'.length).replace(/^gauntlet-shard-/, '') }))
      const selection = selectShards(found, expected)
      warnings.push(...selection.warnings)
      for (const { file, shard } of selection.selected) {
        const path = join(dir, file)
        try {
          const record = decodeRecord(await readBounded(path, maxRecordBytes), path)
          if (record.run.runId !== runId)
            throw new HistoryArtifactError(path, 'foreign', `holds run ${record.run.runId}`)
          shards.push({ shard, record })
        } catch (err) {
          warnings.push(warningOf(err))
        }
      }
      return { shards, warnings }
    },

    async readAll(): Promise<DirectoryContents> {
      const warnings: string[] = []
      const snapshot = await readSnapshot(warnings)
      const fromSnapshot = (snapshot?.entries ?? []).map((e) => e.record)
      const files = await readNewerFiles(new Set(fromSnapshot.map(recordKey)), warnings)
      return { records: mergeRecords(fromSnapshot, files), snapshot, warnings }
    },

    async importRecords(records: readonly RunRecord[]): Promise<number> {
      let added = 0
      for (const r of records) if (await writeRecordFile(r)) added++
      return added
    },

    async prune(retentionDays: number) {
      const now = options.clock.now()
      const cutoff = retentionCutoff(now, retentionDays)
      let deletedFiles = 0
      const warnings: string[] = []
      for (const { name, key } of await listRecordFiles()) {
        try {
          const record = await readRecordFile(name, key)
          if (Date.parse(record.run.timestamp) < cutoff) {
            await rm(join(runsDir, name))
            deletedFiles++
          }
        } catch (err) {
          warnings.push(warningOf(err))
        }
      }
      const snapshot = await readSnapshot(warnings)
      let snapshotRecords = 0
      if (snapshot) {
        const entries = snapshot.entries.filter((e) => Date.parse(e.record.run.timestamp) >= cutoff)
        snapshotRecords = entries.length
        await writeSnapshot(entries)
      }
      return { deletedFiles, snapshotRecords }
    },
  }
  return store
}
