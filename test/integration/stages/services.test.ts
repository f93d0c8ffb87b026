import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ServiceConfig } from '../../../src/config/sections/stages.js'
import { stagesSection } from '../../../src/config/sections/stages.js'
import { ReadinessConfigError, ServiceExitedError, ServiceNotReadyError } from '../../../src/stages/errors.js'
import { ServiceStartAbortedError, startServices } from '../../../src/stages/services.js'
import { childEnv, fixture, freePort, recordingLogger, tempDir, waitGone } from './helpers.js'

/** Services as the config schema produces them (defaults applied). */
function services(list: unknown[]): ServiceConfig[] {
  return stagesSection.parse({ unit: { run: 'true', services: list } }).unit!.services
}

let tmp: { dir: string; cleanup: () => void }
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.cleanup())

function ctx(signal?: AbortSignal) {
  const logger = recordingLogger()
  return { workspace: tmp.dir, defaultCwd: tmp.dir, env: childEnv(), logger, signal }
}

describe('startServices readiness', () => {
  it('waits for a TCP port that opens late, then stops the service', async () => {
    const port = await freePort()
    const c = ctx()
    const started = await startServices(
      services([
        {
          name: 'tcp',
          run: `node ${fixture('tcp-server.mjs')} ${port} 250`,
          ready: { tcp: port, interval: '50ms', timeout: '3s' },
          'stop-timeout': '500ms',
        },
      ]),
      c,
    )
    expect(
      c.logger.lines.some((l) => /service "tcp" is ready \(TCP connect to 127\.0\.0\.1:\d+/.test(l)),
    ).toBe(true)
    const [pid] = started.pids
    await started.stop()
    // Only after stop: the port can accept before the service's own "listening" line has crossed the pipe.
    expect(c.logger.lines.some((l) => l.includes('[tcp] listening on'))).toBe(true)
    expect(await waitGone(pid!)).toBe(true)
    expect(started.problems()).toEqual([])
  })

  it('waits for an HTTP URL that answers 503 first, and accepts host:port and 2xx', async () => {
    const port = await freePort()
    const c = ctx()
    const started = await startServices(
      services([
        {
          name: 'web',
          run: `node ${fixture('http-server.mjs')} ${port} 2`,
          ready: { http: `http://127.0.0.1:${port}/health`, interval: '50ms', timeout: '3s' },
        },
        {
          name: 'check',
          run: 'sleep 30',
          ready: { tcp: `127.0.0.1:${port}`, interval: '50ms', timeout: '1s' },
        },
      ]),
      c,
    )
    expect(started.names).toEqual(['web', 'check'])
    expect(c.logger.lines.some((l) => l.includes('service "web" is ready (HTTP GET'))).toBe(true)
    await started.stop()
    for (const pid of started.pids) expect(await waitGone(pid)).toBe(true)
  })

  it('waits for a log line', async () => {
    const c = ctx()
    const started = await startServices(
      services([
        {
          name: 'logger',
          run: 'echo booting; sleep 0.2; echo "server READY on 42"; sleep 30',
          ready: { log: 'READY on \\d+', interval: '1s', timeout: '3s' },
        },
      ]),
      c,
    )
    // Woken by the line itself, not by the 1 s interval.
    const ready = c.logger.lines.find((l) => l.includes('is ready'))
    expect(ready).toMatch(/a log line matching \/READY on \\d\+\/, \d+ ms\)/)
    expect(Number(/, (\d+) ms\)/.exec(ready!)![1])).toBeLessThan(950)
    await started.stop()
    expect(await waitGone(started.pids[0]!)).toBe(true)
  })

  it('reports a service that exits before it is ready, with its exit code and last lines', async () => {
    const c = ctx()
    const error = await startServices(
      services([
        {
          name: 'db',
          run: 'echo "fatal: config missing" >&2; exit 3',
          ready: { tcp: 1, interval: '50ms', timeout: '3s' },
        },
      ]),
      c,
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceExitedError)
    expect((error as Error).message).toMatch(/service "db" exited with exit code 3 before it was ready/)
    expect((error as Error).message).toContain('fatal: config missing')
  })

  it('gives up after the readiness timeout, names service and probe, and stops it (and earlier ones)', async () => {
    const port = await freePort()
    const c = ctx()
    const pidLines: string[] = []
    const error = await startServices(
      services([
        { name: 'first', run: 'sleep 30' },
        {
          name: 'never',
          run: 'echo waiting; sleep 30',
          ready: { tcp: port, interval: '50ms', timeout: '300ms' },
        },
      ]),
      c,
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceNotReadyError)
    expect((error as Error).message).toMatch(
      new RegExp(
        `service "never" was not ready within 300 ms: TCP connect to 127\\.0\\.0\\.1:${port} did not pass`,
      ),
    )
    expect((error as Error).message).toContain('ECONNREFUSED')
    for (const l of c.logger.lines) {
      const m = /started service "\w+" \(pid (\d+)\)/.exec(l)
      if (m) pidLines.push(m[1]!)
    }
    expect(pidLines).toHaveLength(2)
    for (const pid of pidLines) expect(await waitGone(Number(pid))).toBe(true)
  })

  it('stops waiting and stops the service on cancel', async () => {
    const controller = new AbortController()
    const c = ctx(controller.signal)
    setTimeout(() => controller.abort(), 150)
    const started = Date.now()
    const error = await startServices(
      services([
        { name: 'slow', run: 'sleep 30', ready: { log: 'never', interval: '50ms', timeout: '10s' } },
      ]),
      c,
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceStartAbortedError)
    expect(Date.now() - started).toBeLessThan(1500)
    const pid = Number(/pid (\d+)/.exec(c.logger.lines.find((l) => l.includes('started service'))!)![1])
    expect(await waitGone(pid)).toBe(true)
  })

  it('rejects an invalid log regex before starting anything (the config normally catches it first)', async () => {
    const c = ctx()
    const [valid] = services([{ name: 'bad', run: 'sleep 30', ready: { log: 'ok' } }])
    const bad: ServiceConfig = { ...valid!, ready: { ...valid!.ready!, log: '([' } }
    await expect(startServices([bad], c)).rejects.toThrow(ReadinessConfigError)
    expect(c.logger.lines.some((l) => l.includes('started service'))).toBe(false)
  })

  it('bounds the readiness loop by count too: a frozen clock still ends it', async () => {
    const c = ctx()
    let timerCalls = 0
    // Timers fire at once and the clock never moves: only the attempt count can end the wait.
    const timers = {
      setTimeout: (fn: () => void) => {
        timerCalls++
        return setImmediate(fn)
      },
      clearTimeout: (h: unknown) => clearImmediate(h as NodeJS.Immediate),
    }
    const error = await startServices(
      services([
        { name: 'mute', run: 'sleep 30', ready: { log: 'never', interval: '100ms', timeout: '1s' } },
      ]),
      { ...c, timers, now: () => 0 },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceNotReadyError)
    // 11 attempts (1 s / 100 ms + 1) with a pause after each but the last, plus the kill's own polling.
    expect(timerCalls).toBeGreaterThanOrEqual(10)
    expect(timerCalls).toBeLessThan(200)
  })

  it('reports a service that dies after it was ready', async () => {
    const c = ctx()
    const started = await startServices(services([{ name: 'brief', run: 'echo bye; exit 4' }]), c)
    await new Promise((r) => setTimeout(r, 200))
    expect(started.problems()).toEqual([
      expect.stringMatching(/service "brief" exited during the stage \(exit code 4\)[^]*bye/),
    ])
    await started.stop()
  })
})
