/*
 * Steady-state probes against the system under test: HTTP (status and latency), TCP connect, and a command's exit
 * code. Each probe owns its timeout and never throws: every failure becomes a failed outcome with a reason.
 */
import net from 'node:net'
import { performance } from 'node:perf_hooks'
import type { ProbeConfig } from '../config/sections/chaos.js'
import type { ProbeOutcome } from './measure.js'
import { runShell } from './shell.js'

/** Runs one probe; injected into the experiment engine so tests can fake the system under test. */
export type ProbeRunner = (probe: ProbeConfig, signal: AbortSignal) => Promise<ProbeOutcome>

/** A probe's display name: its `name`, or what it targets. */
export function probeName(probe: ProbeConfig): string {
  if (probe.name !== undefined) return probe.name
  if ('http' in probe) return `${probe.method} ${probe.http}`
  if ('tcp' in probe) return `tcp ${probe.tcp}`
  return `command ${probe.command.slice(0, 60)}`
}

/** Whether an HTTP answer passes: an expected status (default 2xx) within `max-latency`. Pure. */
export function judgeHttp(
  probe: { status?: readonly number[] | undefined; 'max-latency'?: number | undefined },
  status: number,
  latencyMs: number,
): { ok: boolean; detail: string } {
  const statusOk = probe.status === undefined ? status >= 200 && status < 300 : probe.status.includes(status)
  if (!statusOk) return { ok: false, detail: `HTTP ${status}` }
  const max = probe['max-latency']
  if (max !== undefined && latencyMs > max)
    return { ok: false, detail: `HTTP ${status} in ${Math.round(latencyMs)}ms > ${max}ms` }
  return { ok: true, detail: `HTTP ${status}` }
}

const MAX_DETAIL = 200

function errorDetail(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause
    const text = cause?.code ?? cause?.message ?? err.message
    return (err.name === 'TimeoutError' ? 'timed out' : text).slice(0, MAX_DETAIL)
  }
  return String(err).slice(0, MAX_DETAIL)
}

async function httpProbe(
  probe: Extract<ProbeConfig, { http: string }>,
  signal: AbortSignal,
): Promise<ProbeOutcome> {
  const name = probeName(probe)
  const start = performance.now()
  try {
    const res = await fetch(probe.http, {
      method: probe.method,
      ...(probe.body === undefined ? {} : { body: probe.body }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(probe.timeout)]),
    })
    await res.arrayBuffer()
    const latencyMs = performance.now() - start
    return { probe: name, latencyMs, ...judgeHttp(probe, res.status, latencyMs) }
  } catch (err) {
    return { probe: name, ok: false, latencyMs: null, detail: errorDetail(err) }
  }
}

function tcpProbe(probe: Extract<ProbeConfig, { tcp: string }>, signal: AbortSignal): Promise<ProbeOutcome> {
  const name = probeName(probe)
  const i = probe.tcp.lastIndexOf(':')
  const host = probe.tcp.slice(0, i).replace(/^\[|\]$/g, '')
  const port = Number(probe.tcp.slice(i + 1))
  const start = performance.now()
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const finish = (ok: boolean, detail: string): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
      socket.destroy()
      resolve({ probe: name, ok, latencyMs: ok ? performance.now() - start : null, detail })
    }
    const onAbort = (): void => finish(false, 'cancelled')
    const timer = setTimeout(() => finish(false, 'timed out'), probe.timeout)
    signal.addEventListener('abort', onAbort, { once: true })
    socket.once('connect', () => finish(true, 'connected'))
    socket.once('error', (e: NodeJS.ErrnoException) => finish(false, e.code ?? e.message))
  })
}

async function commandProbe(
  probe: Extract<ProbeConfig, { command: string }>,
  signal: AbortSignal,
  cwd: string,
  env: Record<string, string>,
): Promise<ProbeOutcome> {
  const r = await runShell(probe.command, { cwd, env, timeoutMs: probe.timeout, signal })
  const ok = r.exitCode === probe['exit-code']
  return {
    probe: probeName(probe),
    ok,
    latencyMs: r.problem === null ? r.durationMs : null,
    detail: r.problem ?? `exit ${r.exitCode}`,
  }
}

/** The real probe runner; command probes run in `cwd` with `env`. */
export function createProbeRunner(cwd: string, env: Record<string, string>): ProbeRunner {
  return (probe, signal) => {
    if ('http' in probe) return httpProbe(probe, signal)
    if ('tcp' in probe) return tcpProbe(probe, signal)
    return commandProbe(probe, signal, cwd, env)
  }
}
