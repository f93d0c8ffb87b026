// The whole chaos stage on loopback: a store, a service that reaches it through the fault proxy, and experiments
// with real faults, real probes and real time (short durations).
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runChaosStage } from '../../../src/chaos/index.js'
import { EmbeddedToxiproxy } from '../../../src/chaos/proxy/embedded-server.js'
import { stagesSection } from '../../../src/config/sections/stages.js'

const servers: http.Server[] = []
let storePort: number
let servicePort: number
let proxyPort: number
let dir: string

async function freePort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  const port = (s.address() as net.AddressInfo).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

async function serve(handler: http.RequestListener): Promise<number> {
  const s = http.createServer(handler)
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  servers.push(s)
  return (s.address() as net.AddressInfo).port
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gauntlet-chaos-'))
  storePort = await serve((_req, res) => res.end('value'))
  proxyPort = await freePort()
  // The system under test: answers 200 when the store (through the proxy) answers within 300 ms, else 503.
  servicePort = await serve((_req, res) => {
    fetch(`http://127.0.0.1:${proxyPort}/k`, { signal: AbortSignal.timeout(300) })
      .then(async (r) => {
        await r.text()
        res.writeHead(r.ok ? 200 : 503).end()
      })
      .catch(() => res.writeHead(503).end())
  })
})

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections()
    await new Promise<void>((r) => s.close(() => r()))
  }
  await rm(dir, { recursive: true, force: true })
})

function stage(extra: Record<string, unknown>) {
  return stagesSection.parse({
    chaos: {
      proxies: [{ name: 'store', listen: `127.0.0.1:${proxyPort}`, upstream: `127.0.0.1:${storePort}` }],
      ...extra,
    },
  }).chaos!
}

const probes = (tolerance?: Record<string, unknown>) => ({
  probes: [{ name: 'svc', http: `http://127.0.0.1:${servicePort}/`, timeout: '1s' }],
  interval: '50ms',
  samples: 2,
  ...(tolerance === undefined ? {} : { tolerance }),
})

const lines: string[] = []
const logger = { info: (s: string) => lines.push(s), warning: (s: string) => lines.push(`warning: ${s}`) }

describe('runChaosStage with the embedded proxy', () => {
  it('runs outage, flapping, latency and partial experiments and measures them', async () => {
    const cfg = stage({
      experiments: [
        {
          name: 'outage',
          fault: { type: 'outage' },
          duration: '500ms',
          'steady-state': probes({ 'max-error-rate': 1 }),
          recovery: { consecutive: 2, timeout: '3s' },
          rollbacks: ['true'],
        },
        {
          name: 'flapping',
          fault: { type: 'flapping', period: '400ms', duty: 0.5 },
          duration: '1200ms',
          'steady-state': probes(),
          recovery: { consecutive: 2, timeout: '3s' },
        },
        {
          name: 'slow',
          fault: { type: 'constant', toxic: { type: 'latency', latency: '100ms' } },
          duration: '500ms',
          'steady-state': probes({ 'max-p95': '1s', 'max-error-rate': 0 }),
          recovery: { consecutive: 2, timeout: '3s' },
        },
        {
          name: 'partial',
          // Re-drawn every 100 ms: without it, whether the one pooled store connection is hit depends on how many
          // connections earlier experiments opened (the parity of the alternating draws), which varies with load.
          fault: { type: 'partial', fraction: 0.5, resample: '100ms' },
          duration: '800ms',
          'steady-state': probes(),
          recovery: { consecutive: 2, timeout: '3s' },
        },
      ],
    })
    // Toxicity is sampled per connection: alternate so that every other connection is hit, whatever the pool does.
    let flip = 0
    const out = await runChaosStage(
      cfg,
      { cwd: dir, env: { PATH: process.env.PATH ?? '' }, logger, signal: new AbortController().signal },
      { random: () => (flip++ % 2 === 0 ? 0.1 : 0.9) },
    )
    expect(out.errors).toEqual([])
    const byName = Object.fromEntries(out.chaos.map((c) => [c.experiment, c]))

    expect(byName.outage!.errorRate).toBe(1)
    expect(byName.outage!.steadyState).toEqual({ before: 'passed', during: 'passed', after: 'passed' })
    expect(byName.outage!.recoveryMs).not.toBeNull()
    expect(byName.outage!.recoveryMs!).toBeLessThan(2000)
    expect(byName.outage!.verdict).toBe('passed')

    expect(byName.flapping!.errorRate).toBeGreaterThan(0.1)
    expect(byName.flapping!.errorRate).toBeLessThan(0.95)
    expect(byName.flapping!.fault).toBe('down flapping 400ms/50%')

    // 100 ms of downstream latency on the store connection shows in the service's answers.
    expect(byName.slow!.errorRate).toBe(0)
    expect(byName.slow!.latencyMs!.p50).toBeGreaterThanOrEqual(95)
    expect(byName.slow!.verdict).toBe('passed')

    expect(byName.partial!.errorRate).toBeGreaterThan(0)
    expect(byName.partial!.recoveryMs).not.toBeNull()

    expect(out.metrics.map((m) => m.name)).toContain('outage/recovery_ms')
    expect(out.metrics.map((m) => m.name)).toContain('slow/p95_latency_ms')
    expect(out.metrics.find((m) => m.name === 'outage/error_rate')!.value).toBe(1)

    const journal = JSON.parse(await readFile(path.join(dir, byName.outage!.journal!), 'utf8'))
    expect(byName.outage!.journal).toBe(path.join('gauntlet-report', 'chaos', 'outage.journal.json'))
    expect(journal.experiment).toBe('outage')
    const kinds = journal.events.map((e: { kind: string }) => e.kind)
    expect(kinds).toContain('fault')
    expect(kinds).toContain('rollback')
    expect(lines.some((l) => /✔ outage: PASSED/.test(l))).toBe(true)

    // The embedded proxy is gone with the stage: nothing listens on the proxy port any more.
    await expect(
      new Promise((resolve, reject) => {
        const s = net.connect(proxyPort, '127.0.0.1', () => resolve(s.destroy()))
        s.on('error', reject)
      }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })

  it('returns config problems as errors without running anything', async () => {
    const cfg = stage({
      proxies: [],
      experiments: [{ name: 'x', fault: { type: 'outage' }, 'steady-state': probes() }],
    })
    const out = await runChaosStage(cfg, { cwd: dir, env: {}, logger, signal: new AbortController().signal })
    expect(out.chaos).toEqual([])
    expect(out.errors).toEqual([
      'stages.chaos.experiments[0].proxy: say which proxy the fault goes on (no proxies are defined under stages.chaos.proxies)',
    ])
  })
})

describe('runChaosStage against a separately running Toxiproxy-compatible server (engine: toxiproxy)', () => {
  it('drives it through its URL and leaves no toxic behind', async () => {
    const external = new EmbeddedToxiproxy()
    const url = await external.listen()
    try {
      const cfg = stage({
        engine: 'toxiproxy',
        url,
        experiments: [
          {
            name: 'ext-latency',
            fault: { type: 'degrading', from: '0ms', to: '150ms', step: '100ms' },
            duration: '400ms',
            'steady-state': probes(),
            recovery: { consecutive: 1, timeout: '2s' },
          },
        ],
      })
      const out = await runChaosStage(cfg, {
        cwd: dir,
        env: {},
        logger,
        signal: new AbortController().signal,
      })
      expect(out.errors).toEqual([])
      expect(out.chaos[0]!.verdict).toBe('passed')
      expect(out.chaos[0]!.latencyMs!.p99).toBeGreaterThan(40)
      const proxy = (await (await fetch(`${url}/proxies/store`)).json()) as {
        enabled: boolean
        toxics: unknown[]
      }
      expect(proxy).toMatchObject({ enabled: true, toxics: [] })
    } finally {
      await external.close()
    }
  })
})
