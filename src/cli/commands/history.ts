/**
 * `gauntlet history show|export|import|prune [--history-dir D]`: look at and move a directory history.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { gunzipSync, gzipSync } from 'node:zlib'
import { HistoryArtifactError, HistoryUsageError } from '../../history/errors.js'
import { createDirectoryStore } from '../../history/directory-store.js'
import type { DirectoryHistoryStore } from '../../history/directory-store.js'
import { DEFAULT_RETENTION_DAYS, MAX_RECORD_JSON_BYTES } from '../../history/constants.js'
import { parseRunRecord } from '../../history/record-schema.js'
import type { RunRecord } from '../../model/index.js'
import { systemClock } from '../../model/index.js'

export interface CliIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
}

/** Format marker of `gauntlet history export` files. */
export const EXPORT_FORMAT = 'gauntlet-history-export'
const DEFAULT_HISTORY_DIR = '.gauntlet/history'

const USAGE = `usage: gauntlet history <command> [--history-dir DIR]

commands:
  show [--json]                      summarise the history in DIR
  export [--output FILE]             write every record as JSON (FILE ending .gz is gzipped; default stdout)
  import FILE                        add the records of an export (or a record, or a list of records) to DIR
  prune [--retention-days N]         delete records older than N days (default ${DEFAULT_RETENTION_DAYS})

DIR defaults to ${DEFAULT_HISTORY_DIR}.
`

function countBy(records: readonly RunRecord[], key: (r: RunRecord) => string): string {
  const counts = new Map<string, number>()
  for (const r of records) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1)
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} (${n})`)
    .join(', ')
}

async function show(store: DirectoryHistoryStore, json: boolean, io: CliIo): Promise<number> {
  const { records, snapshot, warnings } = await store.readAll()
  for (const w of warnings) io.stderr(`warning: ${w}\n`)
  const first = records[0]
  const latest = records[records.length - 1]
  if (json) {
    io.stdout(
      `${JSON.stringify(
        {
          directory: store.directory,
          records: records.length,
          snapshotRecords: snapshot?.entries.length ?? 0,
          snapshotCreatedAt: snapshot?.createdAt ?? null,
          oldest: first?.run.timestamp ?? null,
          newest: latest?.run.timestamp ?? null,
          runs: records.map((r) => ({
            runId: r.run.runId,
            attempt: r.run.attempt,
            branch: r.run.branch,
            event: r.run.event,
            sha: r.run.sha,
            timestamp: r.run.timestamp,
            tests: r.tests.length,
            metrics: r.metrics.length,
          })),
          warnings,
        },
        null,
        2,
      )}\n`,
    )
    return 0
  }
  io.stdout(`History in ${store.directory}\n`)
  if (!first || !latest) {
    io.stdout('  no records\n')
    return 0
  }
  io.stdout(`  records:  ${records.length} (snapshot holds ${snapshot?.entries.length ?? 0})\n`)
  io.stdout(`  span:     ${first.run.timestamp} .. ${latest.run.timestamp}\n`)
  io.stdout(`  branches: ${countBy(records, (r) => r.run.branch)}\n`)
  io.stdout(`  events:   ${countBy(records, (r) => r.run.event)}\n`)
  io.stdout(
    `  latest:   run ${latest.run.runId}#${latest.run.attempt} on ${latest.run.branch} (${latest.run.sha.slice(0, 7)}): ` +
      `${latest.tests.length} tests, ${latest.metrics.length} metrics\n`,
  )
  return 0
}

async function exportTo(
  store: DirectoryHistoryStore,
  output: string | undefined,
  io: CliIo,
): Promise<number> {
  const { records, warnings } = await store.readAll()
  for (const w of warnings) io.stderr(`warning: ${w}\n`)
  const text = JSON.stringify({ format: EXPORT_FORMAT, version: 1, records })
  if (!output) {
    io.stdout(`${text}\n`)
    return 0
  }
  await writeFile(output, output.endsWith('.gz') ? gzipSync(text) : text)
  io.stderr(`exported ${records.length} records to ${output}\n`)
  return 0
}

/** The records of an import file: an export, a list of records, or one record. */
export function recordsOfImport(raw: unknown, file: string): { records: RunRecord[]; warnings: string[] } {
  let list: unknown[]
  if (Array.isArray(raw)) list = raw
  else if (
    typeof raw === 'object' &&
    raw !== null &&
    (raw as { format?: unknown }).format === EXPORT_FORMAT
  ) {
    const inner = (raw as { records?: unknown }).records
    if (!Array.isArray(inner)) throw new HistoryUsageError(`${file}: "records" must be a list`)
    list = inner
  } else list = [raw]
  const records: RunRecord[] = []
  const warnings: string[] = []
  list.forEach((item, i) => {
    try {
      records.push(parseRunRecord(item, `${file} record ${i + 1}`))
    } catch (err) {
      if (err instanceof HistoryArtifactError) warnings.push(err.message)
      else throw err
    }
  })
  return { records, warnings }
}

async function importFrom(store: DirectoryHistoryStore, file: string, io: CliIo): Promise<number> {
  let bytes = await readFile(file)
  if (bytes[0] === 0x1f && bytes[1] === 0x8b)
    bytes = gunzipSync(bytes, { maxOutputLength: MAX_RECORD_JSON_BYTES * 8 })
  let raw: unknown
  try {
    raw = JSON.parse(bytes.toString('utf8'))
  } catch (err) {
    throw new HistoryUsageError(`${file} is not JSON: ${(err as Error).message}`)
  }
  const { records, warnings } = recordsOfImport(raw, file)
  for (const w of warnings) io.stderr(`warning: ${w}\n`)
  const added = await store.importRecords(records)
  io.stdout(
    `imported ${added} new records (${records.length - added} already present, ${warnings.length} skipped)\n`,
  )
  return warnings.length > 0 && records.length === 0 ? 1 : 0
}

/**
 * Runs `gauntlet history …`.
 * @param args the arguments after `history`
 * @returns the exit code: 0 on success, 1 on failure, 2 on bad usage
 */
export async function historyCommand(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'history-dir': { type: 'string' },
        json: { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        'retention-days': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (err) {
    io.stderr(`${(err as Error).message}\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.help || !command) {
    ;(values.help ? io.stdout : io.stderr)(USAGE)
    return values.help ? 0 : 2
  }
  const dir = resolve(typeof values['history-dir'] === 'string' ? values['history-dir'] : DEFAULT_HISTORY_DIR)
  const store = createDirectoryStore({ directory: dir, clock: systemClock })
  try {
    switch (command) {
      case 'show':
        return await show(store, values.json === true, io)
      case 'export':
        return await exportTo(store, typeof values.output === 'string' ? values.output : undefined, io)
      case 'import': {
        const file = rest[0]
        if (!file) throw new HistoryUsageError('history import needs a FILE to read')
        return await importFrom(store, file, io)
      }
      case 'prune': {
        const raw =
          typeof values['retention-days'] === 'string'
            ? values['retention-days']
            : String(DEFAULT_RETENTION_DAYS)
        const days = Number(raw)
        if (!Number.isInteger(days) || days < 1) {
          throw new HistoryUsageError(
            `--retention-days must be a whole number of days >= 1, found ${JSON.stringify(raw)}`,
          )
        }
        const { deletedFiles, snapshotRecords } = await store.prune(days)
        io.stdout(
          `pruned ${deletedFiles} record files older than ${days} days; snapshot holds ${snapshotRecords} records\n`,
        )
        return 0
      }
      default:
        throw new HistoryUsageError(`unknown history command ${JSON.stringify(command)}`)
    }
  } catch (err) {
    if (err instanceof HistoryUsageError) {
      io.stderr(`error: ${err.message}\n${USAGE}`)
      return 2
    }
    io.stderr(`error: ${(err as Error).message}\n`)
    return 1
  }
}
