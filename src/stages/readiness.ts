/**
 * Readiness probes for services: a TCP connect, an HTTP request answering 2xx/3xx, or a log line matching a
 * regular expression. Each probe attempt is bounded by its own timeout; the polling loop lives in services.ts.
 */
import net from 'node:net'
import type { ReadinessConfig } from '../config/sections/stages.js'
import { ReadinessConfigError } from './errors.js'

/** Host used when `ready.tcp` is a bare port. */
export const DEFAULT_TCP_HOST = '127.0.0.1'

export type Probe =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'http'; readonly url: string }
  | { readonly kind: 'log'; readonly pattern: RegExp }

/** Builds the probe a service's `ready` block describes. Throws {@link ReadinessConfigError} on a bad regex. */
export function probeFromConfig(service: string, ready: ReadinessConfig): Probe {
  if (ready.tcp !== undefined) {
    if (typeof ready.tcp === 'number') return { kind: 'tcp', host: DEFAULT_TCP_HOST, port: ready.tcp }
    const colon = ready.tcp.lastIndexOf(':')
    return { kind: 'tcp', host: ready.tcp.slice(0, colon), port: Number(ready.tcp.slice(colon + 1)) }
  }
  if (ready.http !== undefined) return { kind: 'http', url: ready.http }
  if (ready.log !== undefined) {
    try {
      return { kind: 'log', pattern: new RegExp(ready.log) }
    } catch (err) {
      throw new ReadinessConfigError(
        service,
        `ready.log ${JSON.stringify(ready.log)} is not a valid regular expression (${(err as Error).message})`,
      )
    }
  }
  throw new ReadinessConfigError(service, 'ready needs one of tcp, http or log')
}

/** Human description of a probe for logs and errors. */
export function describeProbe(probe: Probe): string {
  switch (probe.kind) {
    case 'tcp':
      return `TCP connect to ${probe.host}:${probe.port}`
    case 'http':
      return `HTTP GET ${probe.url}`
    case 'log':
      return `a log line matching /${probe.pattern.source}/`
  }
}

/** One TCP connect attempt. Resolves null when it connected, else a short description of the problem. */
export function tryTcp(host: string, port: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const finish = (problem: string | null): void => {
      socket.removeAllListeners()
      socket.on('error', () => undefined)
      socket.destroy()
      resolve(problem)
    }
    socket.setTimeout(timeoutMs, () => finish(`no connection within ${timeoutMs} ms`))
    socket.once('connect', () => finish(null))
    socket.once('error', (err: NodeJS.ErrnoException) => finish(err.code ?? err.message))
  })
}

/** One HTTP GET attempt; 2xx and 3xx count as ready (redirects are not followed). */
export async function tryHttp(url: string, timeoutMs: number): Promise<string | null> {
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })
    await res.body?.cancel()
    return res.status >= 200 && res.status < 400 ? null : `status ${res.status}`
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause
    if (cause?.code !== undefined) return cause.code
    return (err as Error).name === 'TimeoutError'
      ? `no answer within ${timeoutMs} ms`
      : (err as Error).message
  }
}
