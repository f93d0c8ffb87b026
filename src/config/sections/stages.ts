import { z } from 'zod'
import { durationMs } from './duration.js'
import { chaosStageFields } from './chaos.js'
import { BENCHMARK_FORMATS } from '../../parsers/benchmarks/formats.js'
import { TEST_FORMATS } from '../../parsers/tests/formats.js'

/** Result-file formats a stage can declare; `auto` sniffs each file. */
export const RESULT_FORMATS = ['auto', ...TEST_FORMATS, ...BENCHMARK_FORMATS] as const
export type ResultFormat = (typeof RESULT_FORMATS)[number]

/** Default whole-stage limit: 30 minutes. */
export const DEFAULT_STAGE_TIMEOUT_MS = 30 * 60_000

const NAME_RE = /^[\w.-]+$/
// POSIX-portable environment variable names; anything else cannot be exported by bash.
const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/

function isRegExp(source: string): boolean {
  try {
    new RegExp(source)
    return true
  } catch {
    return false
  }
}

const commands = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .transform((v) => (typeof v === 'string' ? [v] : v))
  .meta({
    id: 'Commands',
    description: 'Shell command(s), run one after another in bash; the stage fails on the first failure.',
  })

const envVars = z
  .record(
    z.string().regex(ENV_NAME_RE, { error: 'an environment variable name (letters, digits, underscore)' }),
    z.union([z.string(), z.number(), z.boolean()]).transform(String),
  )
  .meta({ id: 'EnvVars' })
  .default({})
  .describe('Environment variables added to the inherited environment; numbers and booleans become strings.')

const workingDirectory = z
  .string()
  .min(1)
  .optional()
  .describe('Directory the commands run in, relative to the action working directory.')

const resultSpec = z
  .union([
    z
      .string()
      .min(1)
      .transform((path) => ({ path, format: 'auto' as ResultFormat, suite: undefined as string | undefined }))
      .describe('Glob of result files; the format is detected per file.'),
    z
      .object({
        path: z.string().min(1).describe('Glob of result files, relative to the stage working directory.'),
        format: z
          .enum(RESULT_FORMATS)
          .default('auto')
          .describe('Format of the files; `auto` detects it per file.'),
        suite: z.string().optional().describe('Suite name for metrics from formats that carry none.'),
      })
      .strict(),
  ])
  .meta({ id: 'ResultSpec', description: 'Result files: a glob, or {path, format, suite}.' })

const readiness = z
  .object({
    tcp: z
      .union([
        z.number().int().min(1).max(65535),
        z.string().regex(/^[\w.-]+:\d{1,5}$/, { error: 'host:port' }),
      ])
      .optional()
      .describe('Port (on 127.0.0.1) or host:port that must accept a connection.'),
    http: z
      .url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
      .optional()
      .describe('URL that must answer with a 2xx or 3xx status.'),
    log: z
      .string()
      .min(1)
      .refine(isRegExp, { error: 'a valid JavaScript regular expression' })
      .optional()
      .describe('Regular expression a line of the service output must match.'),
    timeout: durationMs
      .default(30_000)
      .describe('How long to wait for readiness before failing the stage (default 30s).'),
    interval: durationMs.default(200).describe('Pause between two readiness checks (default 200ms).'),
  })
  .strict()
  .refine((r) => [r.tcp, r.http, r.log].filter((x) => x !== undefined).length === 1, {
    error: 'exactly one of tcp, http or log',
  })
  .meta({
    id: 'Readiness',
    description: 'When the service counts as ready: exactly one of tcp, http or log.',
  })

const service = z
  .object({
    name: z
      .string()
      .regex(NAME_RE, { error: 'a name of letters, digits, dot, dash and underscore only' })
      .describe('Name shown in logs and errors; unique within the stage.'),
    run: z.string().min(1).describe('Command that starts the service in the foreground (bash).'),
    'working-directory': workingDirectory,
    env: envVars,
    ready: readiness.optional(),
    'stop-timeout': durationMs
      .default(5000)
      .describe('Grace period between SIGTERM and SIGKILL when the stage ends (default 5s).'),
  })
  .strict()
  .meta({
    id: 'Service',
    description: 'A background process started before the stage commands and stopped after them.',
  })

const services = z
  .array(service)
  .superRefine((list, ctx) => {
    const seen = new Set<string>()
    list.forEach((s, i) => {
      if (seen.has(s.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          input: s.name,
          message: 'a name not used by another service',
        })
      }
      seen.add(s.name)
    })
  })
  .default([])
  .describe('Background services (databases, the system under test) the stage needs.')

const stageFields = {
  run: commands,
  'working-directory': workingDirectory,
  env: envVars,
  timeout: durationMs
    .default(DEFAULT_STAGE_TIMEOUT_MS)
    .describe('Whole-stage limit; the process tree is killed past it (default 30m).'),
  results: z
    .union([resultSpec, z.array(resultSpec)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .default([])
    .describe('Result files to parse after the stage: a glob, {path, format, suite}, or a list of them.'),
  'continue-on-error': z
    .boolean()
    .default(false)
    .describe('Report but tolerate a failing stage (the run goes on and the step does not fail for it).'),
  retries: z
    .number()
    .int()
    .min(0)
    .max(5)
    .default(0)
    .describe('Extra attempts after a failure; tests that pass on a retry are reported as flaky.'),
  services,
}

const plainStage = z.object(stageFields).strict().meta({
  id: 'Stage',
  description: 'A stage: commands, their environment, limits, result files and services.',
})
const benchmarkStage = z
  .object({
    ...stageFields,
    repeat: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(1)
      .describe('Runs of the stage; each gives one sample per metric.'),
  })
  .strict()
const chaosStage = z
  .object({
    ...stageFields,
    ...chaosStageFields,
    run: commands
      .optional()
      .describe('Optional command(s), e.g. a load generator, run while experiments execute.'),
  })
  .strict()

export const stagesSection = z
  .object({
    unit: plainStage.optional().describe('Unit tests: fast, no services.'),
    integration: plainStage.optional().describe('Integration tests, usually with services.'),
    benchmark: benchmarkStage.optional().describe('Benchmarks; `repeat` gives several samples per metric.'),
    chaos: chaosStage.optional().describe('Chaos experiments: faults injected through a proxy.'),
  })
  .strict()
  .default({})
  .describe('The stages to run, in the fixed order unit, integration, benchmark, chaos.')

export type StagesConfig = z.output<typeof stagesSection>
export type StageConfig = z.output<typeof plainStage>
export type BenchmarkStageConfig = z.output<typeof benchmarkStage>
export type ChaosStageConfig = z.output<typeof chaosStage>
export type ServiceConfig = z.output<typeof service>
export type ReadinessConfig = z.output<typeof readiness>
export type ResultSpec = z.output<typeof resultSpec>
