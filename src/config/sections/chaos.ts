import { z } from 'zod'
import { durationMs } from './duration.js'

/*
 * The chaos stage's config (issue 7). Toxic attributes mirror Toxiproxy's, but durations are written the way the
 * rest of this config writes them (`200ms`, `1s`; a bare number means seconds) and converted to Toxiproxy's
 * milliseconds when the toxic is created.
 */

const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[\w.-]+):\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:21379')

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, dash and underscore only (max 63)')

const stream = z
  .enum(['upstream', 'downstream'])
  .default('downstream')
  .describe('`upstream` affects client → dependency bytes, `downstream` dependency → client.')
const toxicity = z
  .number()
  .min(0)
  .max(1)
  .default(1)
  .describe('Probability (0..1) that a connection is affected, as in Toxiproxy.')

const toxicShape = { stream, toxicity }

/** One Toxiproxy toxic, or `down` (the proxy disabled). */
export const toxicConfig = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('latency'),
        latency: durationMs.describe('Delay added to every chunk of data.'),
        jitter: durationMs.default(0).describe('Random ± variation of the delay.'),
        ...toxicShape,
      })
      .strict(),
    z
      .object({
        type: z.literal('bandwidth'),
        rate: z.number().int().min(0).describe('Maximum rate in KB/s (1 KB = 1000 bytes, as Toxiproxy).'),
        ...toxicShape,
      })
      .strict(),
    z
      .object({
        type: z.literal('slow_close'),
        delay: durationMs.describe('How long the close of the socket is held back.'),
        ...toxicShape,
      })
      .strict(),
    z
      .object({
        type: z.literal('timeout'),
        timeout: durationMs
          .default(0)
          .describe(
            'Data is dropped; the connection closes after this long (0: never, until the fault lifts).',
          ),
        ...toxicShape,
      })
      .strict(),
    z
      .object({
        type: z.literal('reset_peer'),
        timeout: durationMs
          .default(0)
          .describe('Delay after the first data before the connection is reset (RST).'),
        ...toxicShape,
      })
      .strict(),
    z
      .object({
        type: z.literal('slicer'),
        'average-size': z.number().int().min(1).describe('Average size in bytes of a slice.'),
        'size-variation': z
          .number()
          .int()
          .min(0)
          .default(0)
          .describe('± variation of the slice size in bytes.'),
        'delay-us': z.number().int().min(0).default(0).describe('Delay between slices, in microseconds.'),
        ...toxicShape,
      })
      .strict(),
    z
      .object({
        type: z.literal('limit_data'),
        bytes: z.number().int().min(0).describe('Bytes transmitted before the connection is closed.'),
        ...toxicShape,
      })
      .strict(),
    z
      .object({ type: z.literal('down') })
      .strict()
      .describe('The proxy is disabled: connections are refused.'),
  ])
  .describe('A Toxiproxy toxic (`latency`, `bandwidth`, …) or `down`.')

const defaultReset = { type: 'reset_peer' as const, timeout: 0, stream: 'downstream' as const, toxicity: 1 }

/** When and how strongly the fault is applied during the experiment's `duration`. */
export const faultConfig = z
  .discriminatedUnion('type', [
    z
      .object({ type: z.literal('constant'), toxic: toxicConfig })
      .strict()
      .describe('One toxic, on all the time.'),
    z
      .object({
        type: z.literal('flapping'),
        period: durationMs.refine((v) => v >= 50, 'period must be at least 50ms'),
        duty: z
          .number()
          .gt(0)
          .lt(1)
          .default(0.5)
          .describe('Fraction of each period during which the fault is on.'),
        toxic: toxicConfig.default({ type: 'down' }),
      })
      .strict()
      .describe('The fault goes on and off: on for `duty × period`, then off, repeatedly.'),
    z
      .object({
        type: z.literal('degrading'),
        from: durationMs.default(0).describe('Latency at the start of the fault.'),
        to: durationMs.describe('Latency at the end of the fault.'),
        ramp: z.enum(['linear', 'exponential']).default('linear'),
        step: durationMs
          .default(250)
          .refine((v) => v >= 20, 'step must be at least 20ms')
          .describe('How often the latency is raised.'),
        jitter: durationMs.default(0),
        stream,
      })
      .strict()
      .describe('Latency that grows from `from` to `to` over the duration.'),
    z
      .object({
        type: z.literal('bursts'),
        every: durationMs
          .refine((v) => v >= 50, 'every must be at least 50ms')
          .describe('Start of one burst to the next.'),
        length: durationMs.describe('How long each burst lasts.'),
        toxic: toxicConfig.default(defaultReset).describe('Default: connection resets.'),
      })
      .strict()
      .refine((b) => b.length > 0 && b.length < b.every, {
        message: 'length must be > 0 and shorter than every',
      })
      .describe('Short bursts of the toxic (by default connection resets) at a fixed interval.'),
    z
      .object({
        type: z.literal('partial'),
        fraction: z
          .number()
          .gt(0)
          .lte(1)
          .describe('Fraction of connections affected (the toxic`s toxicity).'),
        toxic: toxicConfig.default(defaultReset).describe('Default: connection resets.'),
        resample: durationMs
          .refine((v) => v >= 50, 'resample must be at least 50ms')
          .optional()
          .describe(
            'Re-draw which connections are affected this often. Without it a pooled keep-alive connection that ' +
              'was spared stays spared for the whole fault.',
          ),
      })
      .strict()
      .refine((p) => p.toxic.type !== 'down', { message: 'a partial outage needs a toxic, not `down`' })
      .describe('A fraction of connections fail (by default they are reset).'),
    z
      .object({ type: z.literal('outage') })
      .strict()
      .describe('The dependency is unreachable for the whole duration.'),
  ])
  .describe('The fault schedule.')

const probeCommon = {
  name: z.string().min(1).max(80).optional(),
  timeout: durationMs.default(1000).describe('A probe that takes longer fails.'),
}

/** One steady-state probe: exactly one of `http`, `tcp` or `command`. */
export const probeConfig = z.union([
  z
    .object({
      http: z.string().url().describe('URL requested; passes on an expected status within `max-latency`.'),
      method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE']).default('GET'),
      body: z.string().max(65_536).optional(),
      status: z
        .array(z.number().int().min(100).max(599))
        .min(1)
        .optional()
        .describe('Expected statuses; default any 2xx.'),
      'max-latency': durationMs.optional().describe('A slower answer counts as a failure.'),
      ...probeCommon,
    })
    .strict(),
  z.object({ tcp: hostPort.describe('host:port that must accept a connection.'), ...probeCommon }).strict(),
  z
    .object({
      command: z.string().min(1).describe('Shell command; passes on the expected exit code.'),
      'exit-code': z.number().int().default(0),
      ...probeCommon,
    })
    .strict(),
])

const fraction = z
  .union([
    z.number().min(0).max(1),
    z.string().regex(/^\d+(\.\d+)?%$/, 'expected a fraction 0..1 or a percentage'),
  ])
  .transform((v) => (typeof v === 'number' ? v : Number(v.slice(0, -1)) / 100))

const steadyState = z
  .object({
    probes: z.array(probeConfig).min(1).max(20),
    interval: durationMs.default(200).describe('Time between the starts of two probe rounds.'),
    samples: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(3)
      .describe('Rounds run before and after the fault; the steady state holds when all pass.'),
    tolerance: z
      .object({
        'max-error-rate': fraction
          .optional()
          .describe('Highest fraction of failed probes while the fault is on.'),
        'max-p95': durationMs.optional().describe('Highest p95 probe latency while the fault is on.'),
      })
      .strict()
      .optional()
      .describe('What the steady state must still meet during the fault; without it `during` is not judged.'),
  })
  .strict()

const recovery = z
  .object({
    consecutive: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(3)
      .describe('Passing rounds in a row that mean recovered.'),
    timeout: durationMs.default(10_000).describe('Bound: not recovered after this long counts as a failure.'),
  })
  .strict()

/** One declarative chaos experiment. */
export const experimentConfig = z
  .object({
    name: slug.describe('Used in metric keys (`chaos/<name>/recovery_ms`) and the journal file name.'),
    description: z.string().max(500).optional(),
    proxy: z
      .string()
      .optional()
      .describe('Which proxy the fault is put on; may be omitted when there is one.'),
    'steady-state': steadyState,
    fault: faultConfig,
    duration: durationMs
      .default(3000)
      .refine((v) => v >= 100 && v <= 3_600_000, 'duration must be between 100ms and 1h')
      .describe('How long the fault schedule runs.'),
    recovery: recovery.default({ consecutive: 3, timeout: 10_000 }),
    rollbacks: z
      .array(z.string().min(1))
      .default([])
      .describe('Shell commands run after the fault is lifted, always (also on failure, timeout or cancel).'),
    'run-tests': z
      .boolean()
      .default(false)
      .describe(
        'Run the stage`s `run` commands while the fault is on; their results become the chaos tests.',
      ),
    timeout: durationMs.optional().describe('Hard bound for the whole experiment; default duration + 60s.'),
  })
  .strict()

/** Fields the chaos stage adds to a plain stage; spread into the chaos stage in `sections/stages.ts`. */
export const chaosStageFields = {
  engine: z
    .enum(['embedded', 'toxiproxy'])
    .default('embedded')
    .describe(
      '`embedded`: Gauntlet`s own Toxiproxy-compatible proxy. `toxiproxy`: a running Toxiproxy at `url`.',
    ),
  url: z
    .string()
    .url()
    .optional()
    .describe('Toxiproxy API URL, e.g. http://127.0.0.1:8474 (engine: toxiproxy).'),
  'api-listen': hostPort
    .default('127.0.0.1:0')
    .describe('Where the embedded proxy`s HTTP API listens (port 0: any free port).'),
  'allow-remote': z
    .boolean()
    .default(false)
    .describe(
      'Allow proxies to listen on non-loopback addresses (the embedded proxy refuses them otherwise).',
    ),
  proxies: z
    .array(
      z
        .object({
          name: z.string().regex(/^[\w.-]+$/, 'letters, digits, dot, dash and underscore only'),
          listen: hostPort.describe('Where the system under test connects, e.g. 127.0.0.1:21379.'),
          upstream: hostPort.describe('The real dependency, e.g. 127.0.0.1:6379.'),
        })
        .strict(),
    )
    .default([]),
  experiments: z.array(experimentConfig).default([]),
}

export type ToxicConfig = z.output<typeof toxicConfig>
export type FaultConfig = z.output<typeof faultConfig>
export type ProbeConfig = z.output<typeof probeConfig>
export type ExperimentConfig = z.output<typeof experimentConfig>
