/**
 * The zod schema of a stored run record (mirrors `src/model/run-record.ts`, schema 1) and the read path for
 * records of any version: migrate older ones, refuse newer ones, validate the rest.
 *
 * Objects are `loose` (unknown keys kept) so that optional fields added to the model later survive a
 * round trip through an older reader instead of being silently stripped from history.
 */
import { z } from 'zod'
import { RUN_RECORD_SCHEMA, STAGE_NAMES } from '../model/index.js'
import type { RunRecord } from '../model/index.js'
import { FutureSchemaError, HistoryArtifactError } from './errors.js'

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'an ISO 8601 timestamp' })
const finite = z.number().refine(Number.isFinite, { message: 'a finite number' })
const stage = z.enum(STAGE_NAMES)

const runnerSchema = z
  .object({
    os: z.string(),
    arch: z.string(),
    cpuModel: z.string(),
    cores: z.number().int().nonnegative(),
    imageVersion: z.string().optional(),
    label: z.string().optional(),
  })
  .loose()

const runInfoSchema = z
  .object({
    repository: z.string().min(1),
    headRepository: z.string().min(1),
    sha: z.string(),
    ref: z.string(),
    branch: z.string(),
    event: z.string().min(1),
    prNumber: z.number().int().positive().nullable(),
    baseBranch: z.string().nullable(),
    runId: z.number().int().nonnegative(),
    attempt: z.number().int().positive(),
    timestamp: isoTime,
    workflow: z.string().optional(),
    job: z.string().optional(),
    shard: z.string().nullable().optional(),
    runner: runnerSchema,
    url: z.string().optional(),
  })
  .loose()

const stageResultSchema = z
  .object({
    name: stage,
    status: z.enum(['passed', 'failed', 'timed-out', 'cancelled', 'skipped']),
    exitCode: z.number().int().nullable(),
    durationMs: finite,
    attempts: z.number().int().nonnegative(),
    resultFiles: z.array(z.string()),
    errors: z.array(z.string()),
    continueOnError: z.boolean(),
  })
  .loose()

const parsedStatus = z.enum(['passed', 'failed', 'errored', 'skipped'])

const testCaseSchema = z
  .object({
    id: z.string(),
    stage,
    suite: z.string(),
    classname: z.string(),
    name: z.string(),
    status: z.enum(['passed', 'failed', 'errored', 'skipped', 'flaky']),
    durationMs: finite.nullable(),
    message: z.string().nullable().optional(),
    details: z.string().nullable().optional(),
    file: z.string().nullable().optional(),
    line: z.number().int().nullable().optional(),
    attempts: z.array(parsedStatus).optional(),
  })
  .loose()

const metricSchema = z
  .object({
    key: z.string().min(1),
    stage,
    suite: z.string(),
    name: z.string(),
    measure: z.string(),
    unit: z.string(),
    direction: z.enum(['lower', 'higher', 'none']),
    value: finite,
    samples: z.array(finite),
    range: z.string().optional(),
    tags: z.array(z.string()).optional(),
  })
  .loose()

const verdict = z.enum(['passed', 'failed', 'skipped'])
const chaosSchema = z
  .object({
    experiment: z.string(),
    fault: z.string(),
    steadyState: z.object({ before: verdict, during: verdict, after: verdict }).loose(),
    errorRate: finite,
    latencyMs: z.object({ p50: finite, p95: finite, p99: finite }).loose().nullable(),
    recoveryMs: finite.nullable(),
    verdict: z.enum(['passed', 'failed']),
    journal: z.string().optional(),
    notes: z.array(z.string()).optional(),
  })
  .loose()

const alertStateSchema = z
  .object({
    key: z.string(),
    findingId: z.string(),
    severity: z.string(),
    openedAt: isoTime,
    lastNotifiedAt: isoTime,
    channels: z.array(z.string()),
  })
  .loose()

/** Schema of a current (version 1) run record. */
export const runRecordSchema = z
  .object({
    schema: z.literal(RUN_RECORD_SCHEMA),
    run: runInfoSchema,
    stages: z.array(stageResultSchema),
    tests: z.array(testCaseSchema),
    metrics: z.array(metricSchema),
    chaos: z.array(chaosSchema),
    alerts: z.array(alertStateSchema).optional(),
  })
  .loose()

/** Pieces reused by the snapshot codec, which stores metrics and tests column-wise. */
export const recordPartSchemas = {
  run: runInfoSchema,
  stages: z.array(stageResultSchema),
  chaos: z.array(chaosSchema),
  alerts: z.array(alertStateSchema).optional(),
  stage,
  direction: z.enum(['lower', 'higher', 'none']),
  testAttempts: z.array(parsedStatus),
} as const

type Migration = (raw: Record<string, unknown>) => Record<string, unknown>

/**
 * Upgrades, indexed by the version they read. Version 0 is the unversioned draft format written before the
 * `schema` field existed: it lacked `schema`, `stages`, `chaos` and the pull-request fields of `run`.
 */
const MIGRATIONS: Readonly<Record<number, Migration>> = {
  0: (raw) => {
    const run = isObject(raw.run) ? raw.run : {}
    return {
      ...raw,
      schema: 1,
      stages: raw.stages ?? [],
      chaos: raw.chaos ?? [],
      run: {
        ...run,
        headRepository: run.headRepository ?? run.repository,
        prNumber: run.prNumber ?? null,
        baseBranch: run.baseBranch ?? null,
      },
    }
  },
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The schema version a raw record declares; records without the field are version 0. */
export function declaredSchemaVersion(raw: Record<string, unknown>): number | null {
  if (raw.schema === undefined) return 0
  return typeof raw.schema === 'number' && Number.isInteger(raw.schema) && raw.schema >= 0 ? raw.schema : null
}

/** Brings a raw record of any known older version up to the current one; throws for newer or unknown ones. */
export function migrateRecord(raw: unknown, source: string): Record<string, unknown> {
  if (!isObject(raw)) throw new HistoryArtifactError(source, 'invalid', 'the record is not a JSON object')
  let version = declaredSchemaVersion(raw)
  if (version === null) {
    throw new HistoryArtifactError(source, 'invalid', `"schema" must be a non-negative integer`)
  }
  if (version > RUN_RECORD_SCHEMA) throw new FutureSchemaError(source, version, RUN_RECORD_SCHEMA)
  let current = raw
  while (version < RUN_RECORD_SCHEMA) {
    const step = MIGRATIONS[version]
    if (!step) throw new HistoryArtifactError(source, 'invalid', `no migration from record schema ${version}`)
    current = step(current)
    version++
  }
  return current
}

/** Formats the first few zod issues as `path: message` for a warning line. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues
    .slice(0, max)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
  const more = error.issues.length > max ? ` (+${error.issues.length - max} more)` : ''
  return parts.join('; ') + more
}

/**
 * Validates a decoded JSON value as a run record, migrating older versions.
 * @param raw the parsed JSON
 * @param source names the artifact or file in error messages
 * @throws HistoryArtifactError (or FutureSchemaError) naming `source`
 */
export function parseRunRecord(raw: unknown, source: string): RunRecord {
  const migrated = migrateRecord(raw, source)
  const result = runRecordSchema.safeParse(migrated)
  if (!result.success) throw new HistoryArtifactError(source, 'invalid', describeIssues(result.error))
  return result.data
}
