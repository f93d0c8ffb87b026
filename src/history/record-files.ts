/**
 * Loose run-record files: every `*.json` / `*.json.gz` record under a folder (what `gauntlet history export`,
 * `gauntlet parse --record` or a downloaded artifact leave behind). `gauntlet analyze --history-dir` reads a
 * Gauntlet history folder through the directory backend and falls back to this for any other folder.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { RUN_RECORD_SCHEMA, type RunRecord } from '../model/run-record.js'

/** Largest record file read (compressed or not). */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024
/** Directory depth bound, so a symlink loop cannot recurse forever. */
const MAX_DEPTH = 8

/** A file that is not a readable run record; the message names the file. */
export class RunRecordError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`)
    this.name = 'RunRecordError'
  }
}

/** Minimal structural check; the history store validates fully. Throws {@link RunRecordError}. */
export function asRunRecord(file: string, data: unknown): RunRecord {
  if (typeof data !== 'object' || data === null) throw new RunRecordError(file, 'not a JSON object')
  const r = data as Partial<RunRecord>
  if (r.schema !== RUN_RECORD_SCHEMA) {
    throw new RunRecordError(
      file,
      `schema ${JSON.stringify(r.schema)} is not ${RUN_RECORD_SCHEMA}; a newer Gauntlet wrote it, or it is not a run record`,
    )
  }
  if (
    typeof r.run !== 'object' ||
    r.run === null ||
    typeof r.run.sha !== 'string' ||
    typeof r.run.timestamp !== 'string'
  ) {
    throw new RunRecordError(file, '"run" with "sha" and "timestamp" is missing')
  }
  if (!Array.isArray(r.metrics) || !Array.isArray(r.tests))
    throw new RunRecordError(file, '"metrics" and "tests" must be arrays')
  return {
    ...r,
    stages: Array.isArray(r.stages) ? r.stages : [],
    chaos: Array.isArray(r.chaos) ? r.chaos : [],
  } as RunRecord
}

/** Reads one record file (`.json` or `.json.gz`). */
export async function readRunRecordFile(file: string): Promise<RunRecord> {
  const info = await stat(file)
  if (info.size > MAX_RECORD_BYTES)
    throw new RunRecordError(file, `is ${info.size} bytes, more than ${MAX_RECORD_BYTES}`)
  const raw = await readFile(file)
  let text: string
  try {
    text = file.endsWith('.gz')
      ? gunzipSync(raw, { maxOutputLength: MAX_RECORD_BYTES }).toString('utf8')
      : raw.toString('utf8')
  } catch (err) {
    throw new RunRecordError(file, `cannot decompress (${err instanceof Error ? err.message : String(err)})`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    throw new RunRecordError(file, `not valid JSON (${err instanceof Error ? err.message : String(err)})`)
  }
  return asRunRecord(file, data)
}

/** Every run record under `dir` (recursively); unreadable files are reported through `warn` and skipped. */
export async function readRunRecordsFromDirectory(
  dir: string,
  warn: (message: string) => void,
): Promise<RunRecord[]> {
  const out: RunRecord[] = []
  const walk = async (d: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) return
    const entries = await readdir(d, { withFileTypes: true })
    entries.sort((a, b) => a.name.localeCompare(b.name))
    for (const e of entries) {
      const p = join(d, e.name)
      if (e.isDirectory()) await walk(p, depth + 1)
      else if (e.isFile() && (e.name.endsWith('.json') || e.name.endsWith('.json.gz'))) {
        try {
          out.push(await readRunRecordFile(p))
        } catch (err) {
          warn(err instanceof Error ? err.message : String(err))
        }
      }
    }
  }
  await walk(dir, 0)
  return out
}
