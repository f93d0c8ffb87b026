import { z } from 'zod'
import { durationMs } from './duration.js'
import { chaosStageFields } from './chaos.js'

/** Result-file formats a stage can declare; `auto` sniffs each file. */
export const RESULT_FORMATS = [
  'auto',
  'junit',
  'nunit',
  'xunit',
  'trx',
  'mocha-json',
  'dart-json',
  'go',
  'cargo',
  'benchmarkjs',
  'benchmarkluau',
  'pytest',
  'googlecpp',
  'catch2',
  'julia',
  'jmh',
  'benchmarkdotnet',
  'customBiggerIsBetter',
  'customSmallerIsBetter',
  'hyperfine',
  'vitest-bench',
  'gauntlet',
] as const
export type ResultFormat = (typeof RESULT_FORMATS)[number]

const commands = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .transform((v) => (typeof v === 'string' ? [v] : v))

const resultSpec = z.union([
  z.string().min(1).transform((path) => ({ path, format: 'auto' as ResultFormat, suite: undefined })),
  z
    .object({
      path: z.string().min(1).describe('Glob of result files, relative to the stage working directory.'),
      format: z.enum(RESULT_FORMATS).default('auto'),
      suite: z.string().optional().describe('Suite name for metrics from formats that carry none.'),
    })
    .strict(),
])

const readiness = z
  .object({
    tcp: z
      .union([z.number().int().min(1).max(65535), z.string().regex(/^[\w.-]+:\d+$/)])
      .optional()
      .describe('Port (on 127.0.0.1) or host:port that must accept a connection.'),
    http: z.string().url().optional().describe('URL that must answer with a 2xx or 3xx status.'),
    log: z.string().optional().describe('Regular expression a line of the service output must match.'),
    timeout: durationMs.default(30_000),
    interval: durationMs.default(200),
  })
  .strict()
  .refine((r) => [r.tcp, r.http, r.log].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of tcp, http or log',
  })

const service = z
  .object({
    name: z.string().regex(/^[\w.-]+$/, 'letters, digits, dot, dash and underscore only'),
    run: z.string().min(1),
    'working-directory': z.string().optional(),
    env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
    ready: readiness.optional(),
    'stop-timeout': durationMs.default(5000),
  })
  .strict()

const stageFields = {
  run: commands.describe('Shell command(s), run one after another in bash; the stage fails on the first failure.'),
  'working-directory': z.string().optional(),
  env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  timeout: durationMs.default(30 * 60_000).describe('Whole-stage limit; the process tree is killed past it.'),
  results: z
    .union([resultSpec, z.array(resultSpec)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .default([]),
  'continue-on-error': z.boolean().default(false),
  retries: z.number().int().min(0).max(5).default(0),
  services: z.array(service).default([]),
}

const plainStage = z.object(stageFields).strict()
const benchmarkStage = z
  .object({
    ...stageFields,
    repeat: z.number().int().min(1).max(100).default(1).describe('Runs of the stage; each gives one sample per metric.'),
  })
  .strict()
const chaosStage = z.object({ ...stageFields, ...chaosStageFields, run: commands.optional() }).strict()

export const stagesSection = z
  .object({
    unit: plainStage.optional(),
    integration: plainStage.optional(),
    benchmark: benchmarkStage.optional(),
    chaos: chaosStage.optional(),
  })
  .strict()
  .default({})

export type StagesConfig = z.output<typeof stagesSection>
export type StageConfig = z.output<typeof plainStage>
export type BenchmarkStageConfig = z.output<typeof benchmarkStage>
export type ChaosStageConfig = z.output<typeof chaosStage>
export type ServiceConfig = z.output<typeof service>
export type ReadinessConfig = z.output<typeof readiness>
export type ResultSpec = z.output<typeof resultSpec>
