// Overhead of the embedded fault proxy with no toxic, on loopback: bulk throughput and request/response p99
// latency through the proxy vs a direct connection. Targets (issue 7): ≤ 10 % throughput loss, ≤ 1 ms added p99.
import { spawn } from 'node:child_process'
import os from 'node:os'
import { quantile } from 'simple-statistics'
import { EmbeddedToxiproxy } from '../src/chaos/proxy/embedded-server.js'

const BULK_BYTES = 64 * 1024 * 1024
const RTT_SAMPLES = 2000
const RUNS = 3

// The upstream servers and the measuring client run in their own processes, as the system under test and its
// dependency would: in one process the proxy's work would share one event loop with both ends and halve the
// measured throughput for reasons unrelated to the proxy.
const SERVERS_SCRIPT = `
import net from 'node:net'
const BULK = ${BULK_BYTES}
const chunk = Buffer.alloc(64 * 1024, 120)
const bulk = net.createServer((s) => {
  s.on('error', () => {})
  let sent = 0
  const pump = () => {
    while (sent < BULK) { sent += chunk.length; if (!s.write(chunk)) { s.once('drain', pump); return } }
    s.end()
  }
  pump()
})
const echo = net.createServer({ noDelay: true }, (s) => { s.on('error', () => {}); s.on('data', (d) => s.write(d)) })
await new Promise((r) => bulk.listen(0, '127.0.0.1', r))
await new Promise((r) => echo.listen(0, '127.0.0.1', r))
console.log(JSON.stringify({ bulk: bulk.address().port, echo: echo.address().port }))
`

const CLIENT_SCRIPT = `
import net from 'node:net'
const [mode, port] = [process.argv[1], Number(process.argv[2])]
if (mode === 'bulk') {
  const start = performance.now()
  let got = 0
  const s = net.connect(port, '127.0.0.1')
  s.on('data', (d) => (got += d.length))
  s.on('end', () => { console.log(JSON.stringify({ bytes: got, ms: performance.now() - start })); s.destroy() })
} else {
  const n = Number(process.argv[3])
  const out = []
  const payload = Buffer.alloc(64, 97)
  let start = 0, got = 0
  const s = net.connect({ port, host: '127.0.0.1', noDelay: true }, () => send())
  const send = () => { got = 0; start = performance.now(); s.write(payload) }
  s.on('data', (d) => {
    got += d.length
    if (got < payload.length) return
    out.push(performance.now() - start)
    if (out.length >= n) { console.log(JSON.stringify(out)); s.destroy() } else send()
  })
}
`

function runClient(args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CLIENT_SCRIPT, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`client exited ${code}`)),
    )
  })
}

/** MB/s receiving BULK_BYTES from `port`. */
async function throughput(port: number): Promise<number> {
  const r = (await runClient(['bulk', String(port)])) as { bytes: number; ms: number }
  if (r.bytes !== BULK_BYTES) throw new Error(`received ${r.bytes} of ${BULK_BYTES} bytes`)
  return BULK_BYTES / 1e6 / (r.ms / 1000)
}

/** Round-trip times (ms) of RTT_SAMPLES 64-byte ping-pongs on one connection. */
async function rtts(port: number): Promise<number[]> {
  return (await runClient(['rtt', String(port), String(RTT_SAMPLES)])) as number[]
}

function median(xs: number[]): number {
  return quantile(xs, 0.5)
}

/** Runs the benchmark and prints figures and target ratios. */
export async function run(): Promise<void> {
  const servers = spawn(process.execPath, ['--input-type=module', '-e', SERVERS_SCRIPT], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const ports = await new Promise<{ bulk: number; echo: number }>((resolve, reject) => {
    servers.stdout.once('data', (d: Buffer) =>
      resolve(JSON.parse(d.toString()) as { bulk: number; echo: number }),
    )
    servers.once('exit', () => reject(new Error('bench servers exited')))
  })
  const bulkPort = ports.bulk
  const echoPort = ports.echo
  const server = new EmbeddedToxiproxy()
  const api = await server.listen()
  const create = async (name: string, upstream: number): Promise<number> => {
    const res = await fetch(`${api}/proxies`, {
      method: 'POST',
      body: JSON.stringify({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream}` }),
    })
    const { listen: address } = (await res.json()) as { listen: string }
    return Number(address.split(':').pop())
  }
  try {
    const bulkProxy = await create('bulk', bulkPort)
    const echoProxy = await create('echo', echoPort)

    // Warm-up, then alternate direct/proxied runs so machine drift hits both alike.
    await throughput(bulkPort)
    await throughput(bulkProxy)
    const direct: number[] = []
    const proxied: number[] = []
    let proxyCpuUs = 0
    for (let i = 0; i < RUNS; i++) {
      direct.push(await throughput(bulkPort))
      // CPU the proxy (this process) spends per MB: a figure the machine's load does not distort.
      const cpu = process.cpuUsage()
      proxied.push(await throughput(bulkProxy))
      const used = process.cpuUsage(cpu)
      proxyCpuUs += used.user + used.system
    }
    await rtts(echoPort)
    await rtts(echoProxy)
    const directRtt: number[] = []
    const proxiedRtt: number[] = []
    for (let i = 0; i < RUNS; i++) {
      directRtt.push(...(await rtts(echoPort)))
      proxiedRtt.push(...(await rtts(echoProxy)))
    }

    const tDirect = median(direct)
    const tProxy = median(proxied)
    const loss = (1 - tProxy / tDirect) * 100
    const p99Direct = quantile(directRtt, 0.99)
    const p99Proxy = quantile(proxiedRtt, 0.99)
    const added = p99Proxy - p99Direct
    const [load1] = os.loadavg()
    const lines = [
      `chaos proxy overhead (no toxic, loopback, ${BULK_BYTES / 1024 / 1024} MiB × ${RUNS} runs, ${RTT_SAMPLES * RUNS} round trips; load average ${load1!.toFixed(1)} on ${os.cpus().length} cores)`,
      `  throughput direct   ${tDirect.toFixed(0)} MB/s   (runs ${direct.map((x) => x.toFixed(0)).join(', ')})`,
      `  throughput proxied  ${tProxy.toFixed(0)} MB/s   (runs ${proxied.map((x) => x.toFixed(0)).join(', ')})`,
      `  proxy CPU           ${(proxyCpuUs / 1000 / ((BULK_BYTES * RUNS) / 1e6)).toFixed(2)} ms per MB (user+system)`,
      `  throughput loss     ${loss.toFixed(1)} %   target ≤ 10 %   ratio ${(loss / 10).toFixed(2)}   ${loss <= 10 ? 'OK' : 'OVER'}`,
      `  p50 RTT direct/proxied  ${quantile(directRtt, 0.5).toFixed(3)} / ${quantile(proxiedRtt, 0.5).toFixed(3)} ms`,
      `  p99 RTT direct/proxied  ${p99Direct.toFixed(3)} / ${p99Proxy.toFixed(3)} ms`,
      `  added p99           ${added.toFixed(3)} ms   target ≤ 1 ms   ratio ${added.toFixed(2)}   ${added <= 1 ? 'OK' : 'OVER'}`,
    ]
    process.stdout.write(`${lines.join('\n')}\n`)
  } finally {
    await server.close()
    servers.kill()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
