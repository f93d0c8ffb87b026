// Overhead of the embedded fault proxy with no toxic, on loopback. Targets (issue 7): ≤ 10 % throughput loss and
// ≤ 1 ms added p99 latency vs a direct connection.
//
// Method. In real use the proxy runs in Gauntlet's process between the system under test and its dependency, two
// other processes. So here:
//   - the dependency (a bulk source, a bulk sink and an echo server) is one child process;
//   - each measuring client (the "system under test") is a fresh child process per run;
//   - the proxy (EmbeddedToxiproxy, no toxic) runs in this process, as in Gauntlet. So does a bare
//     `socket.pipe` relay, the floor any Node relay in that position can reach, to tell our code's cost from the
//     cost of relaying at all.
// Paths are measured interleaved (the order rotates every repetition) so machine drift hits them alike, REPS times;
// figures are medians. Throughput: BULK_MB MB downloads (dependency → client: the proxy reads the upstream socket
// it dialled with `onread`) and uploads (client → dependency: it reads the accepted client socket, re-wrapped to read
// with `onread` where Node allows, else with `data` events; the output says which), each timed by the client from
// connect to the last byte (upload: to the sink's byte count). Latency: RTT_SAMPLES 64-byte ping-pongs per
// repetition on one connection; p99 per repetition, then the median over repetitions of (proxied p99 − direct p99).
// Throughput loss is the median over repetitions of 1 − proxied/direct, from the same repetition. CPU: the client
// and the dependency report their own CPU time per transfer; the proxy's is this process's CPU during a proxied run
// minus that during a direct run (which only spawns the client). Load average is printed before and after.
//
// What this can and cannot show: a relay on loopback does one more read and one more write per byte, and on
// loopback the kernel work of a write (copy plus delivery into the receiver) is about what both ends of a direct
// connection spend together. With client, relay and dependency all CPU-bound on a 2-core machine (shared with
// other work), relayed throughput is bounded by CPU, not by the relay's design; the CPU lines and the `pipe`
// floor say how much of the loss is our code.
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import os from 'node:os'
import { quantile } from 'simple-statistics'
import { EmbeddedToxiproxy } from '../src/chaos/proxy/embedded-server.js'

const BULK_MB = 128
const BULK_BYTES = BULK_MB * 1024 * 1024
const RTT_SAMPLES = 2000
const REPS = 7

type Path = 'direct' | 'proxy' | 'pipe'
const PATHS: readonly Path[] = ['direct', 'proxy', 'pipe']

const DEPENDENCY_SCRIPT = `
import net from 'node:net'
const BULK = Number(process.argv[1])
const chunk = Buffer.alloc(64 * 1024, 120)
const report = (kind, c0) => { const u = process.cpuUsage(c0); process.send({ kind, cpuMs: (u.user + u.system) / 1000 }) }
const download = net.createServer((s) => {
  s.on('error', () => {})
  const c0 = process.cpuUsage()
  let sent = 0
  const pump = () => {
    while (sent < BULK) { sent += chunk.length; if (!s.write(chunk)) { s.once('drain', pump); return } }
    s.end(() => report('download', c0))
  }
  pump()
})
const upload = net.createServer({ allowHalfOpen: true }, (s) => {
  s.on('error', () => {})
  const c0 = process.cpuUsage()
  let got = 0
  s.on('data', (d) => (got += d.length))
  s.on('end', () => { report('upload', c0); s.end(String(got)) })
})
const echo = net.createServer({ noDelay: true }, (s) => { s.on('error', () => {}); s.on('data', (d) => s.write(d)) })
for (const srv of [download, upload, echo]) await new Promise((r) => srv.listen(0, '127.0.0.1', r))
process.send({ kind: 'ports', download: download.address().port, upload: upload.address().port, echo: echo.address().port })
`

const CLIENT_SCRIPT = `
import net from 'node:net'
const [mode, port, arg] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])]
const cpuMs = (c0) => { const u = process.cpuUsage(c0); return (u.user + u.system) / 1000 }
const c0 = process.cpuUsage()
if (mode === 'download') {
  const start = performance.now()
  let got = 0
  const s = net.connect(port, '127.0.0.1')
  s.on('data', (d) => (got += d.length))
  s.on('end', () => { console.log(JSON.stringify({ bytes: got, ms: performance.now() - start, cpuMs: cpuMs(c0) })); s.destroy() })
} else if (mode === 'upload') {
  const chunk = Buffer.alloc(64 * 1024, 121)
  const start = performance.now()
  let sent = 0
  let reply = ''
  const s = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true })
  const pump = () => {
    while (sent < arg) { sent += chunk.length; if (!s.write(chunk)) { s.once('drain', pump); return } }
    s.end()
  }
  s.on('connect', pump)
  s.on('data', (d) => (reply += d))
  s.on('end', () => { console.log(JSON.stringify({ bytes: Number(reply), ms: performance.now() - start, cpuMs: cpuMs(c0) })); s.destroy() })
} else {
  const out = []
  const payload = Buffer.alloc(64, 97)
  let start = 0, got = 0
  const s = net.connect({ port, host: '127.0.0.1', noDelay: true }, () => send())
  const send = () => { got = 0; start = performance.now(); s.write(payload) }
  s.on('data', (d) => {
    got += d.length
    if (got < payload.length) return
    out.push(performance.now() - start)
    if (out.length >= arg) { console.log(JSON.stringify(out)); s.destroy() } else send()
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
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`bench client exited ${code}`)),
    )
  })
}

interface Transfer {
  mbps: number
  clientCpuMs: number
  /** CPU of this process during the run: the relay's work plus spawning the client. */
  hereCpuMs: number
  dependencyCpuMs: number
}

interface DependencyMessage {
  kind: string
  cpuMs?: number
  download?: number
  upload?: number
  echo?: number
}

/** The dependency process and a queue of the CPU reports it sends after each transfer. */
class Dependency {
  private readonly cpuReports: number[] = []
  private waiting: ((ms: number) => void) | null = null

  constructor(readonly child: ChildProcess) {
    child.on('message', (m: DependencyMessage) => {
      if (m.kind === 'ports' || m.cpuMs === undefined) return
      if (this.waiting !== null) {
        const w = this.waiting
        this.waiting = null
        w(m.cpuMs)
      } else this.cpuReports.push(m.cpuMs)
    })
  }

  nextCpuReport(): Promise<number> {
    const ready = this.cpuReports.shift()
    if (ready !== undefined) return Promise.resolve(ready)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no CPU report from the bench dependency')), 10_000)
      this.waiting = (ms) => {
        clearTimeout(timer)
        resolve(ms)
      }
    })
  }
}

async function transfer(dep: Dependency, mode: 'download' | 'upload', port: number): Promise<Transfer> {
  const cpu = process.cpuUsage()
  const r = (await runClient([mode, String(port), String(BULK_BYTES)])) as {
    bytes: number
    ms: number
    cpuMs: number
  }
  const used = process.cpuUsage(cpu)
  if (r.bytes !== BULK_BYTES) throw new Error(`${mode}: ${r.bytes} of ${BULK_BYTES} bytes arrived`)
  return {
    mbps: BULK_BYTES / 1e6 / (r.ms / 1000),
    clientCpuMs: r.cpuMs,
    hereCpuMs: (used.user + used.system) / 1000,
    dependencyCpuMs: await dep.nextCpuReport(),
  }
}

/** Round-trip times (ms) of RTT_SAMPLES 64-byte ping-pongs on one connection. */
async function rtts(port: number): Promise<number[]> {
  return (await runClient(['rtt', String(port), String(RTT_SAMPLES)])) as number[]
}

/** How the proxy reads client sockets on this Node: one probe connection (to the echo, which reports nothing). */
async function clientReadMode(server: EmbeddedToxiproxy, name: string, port: number): Promise<string> {
  const socket = net.connect(port, '127.0.0.1')
  socket.on('error', () => undefined)
  try {
    for (let i = 0; i < 200 && server.proxy(name)?.connectionCount !== 1; i++)
      await new Promise((resolve) => setTimeout(resolve, 10))
    return server.proxy(name)?.clientReadModes().join(', ') ?? 'unknown'
  } finally {
    socket.destroy()
  }
}

/** A bare `pipe` relay: what relaying costs in Node with no code of ours in the way. */
async function pipeRelay(target: number): Promise<net.Server> {
  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    const upstream = net.connect({ port: target, host: '127.0.0.1', allowHalfOpen: true, noDelay: true })
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return server
}

const median = (xs: number[]): number => quantile(xs, 0.5)
const fmt = (x: number, digits = 0): string => x.toFixed(digits)
const loadavg = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

/** Rotates the order of the paths each repetition. */
function order(rep: number): Path[] {
  return PATHS.map((_, i) => PATHS[(i + rep) % PATHS.length]!)
}

/** Runs the benchmark and prints figures and target ratios. */
export async function run(): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', DEPENDENCY_SCRIPT, String(BULK_BYTES)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  const dep = new Dependency(child)
  const server = new EmbeddedToxiproxy()
  const relays: net.Server[] = []
  try {
    const ports = await new Promise<Required<Pick<DependencyMessage, 'download' | 'upload' | 'echo'>>>(
      (resolve, reject) => {
        child.on('message', (m: DependencyMessage) => {
          if (m.kind === 'ports') resolve(m as Required<DependencyMessage>)
        })
        child.once('exit', () => reject(new Error('bench dependency exited')))
      },
    )
    const api = await server.listen()
    const viaProxy = async (name: string, upstream: number): Promise<number> => {
      const res = await fetch(`${api}/proxies`, {
        method: 'POST',
        body: JSON.stringify({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream}` }),
      })
      const { listen: address } = (await res.json()) as { listen: string }
      return Number(address.split(':').pop())
    }
    const viaPipe = async (upstream: number): Promise<number> => {
      const relay = await pipeRelay(upstream)
      relays.push(relay)
      return (relay.address() as net.AddressInfo).port
    }
    const portsOf = async (target: number, name: string): Promise<Record<Path, number>> => ({
      direct: target,
      proxy: await viaProxy(name, target),
      pipe: await viaPipe(target),
    })
    const download = await portsOf(ports.download, 'download')
    const upload = await portsOf(ports.upload, 'upload')
    const echo = await portsOf(ports.echo, 'echo')
    const clientReads = await clientReadMode(server, 'echo', echo.proxy)

    const loadBefore = loadavg()
    const started = performance.now()
    const results = {
      download: { direct: [], proxy: [], pipe: [] } as Record<Path, Transfer[]>,
      upload: { direct: [], proxy: [], pipe: [] } as Record<Path, Transfer[]>,
    }
    const p99: Record<Path, number[]> = { direct: [], proxy: [], pipe: [] }
    const p50: Record<Path, number[]> = { direct: [], proxy: [], pipe: [] }
    // Warm-up: JIT, socket buffers, page cache for node itself.
    for (const path of PATHS) {
      await transfer(dep, 'download', download[path])
      await transfer(dep, 'upload', upload[path])
      await rtts(echo[path])
    }
    for (let rep = 0; rep < REPS; rep++) {
      for (const path of order(rep))
        results.download[path].push(await transfer(dep, 'download', download[path]))
      for (const path of order(rep + 1))
        results.upload[path].push(await transfer(dep, 'upload', upload[path]))
      for (const path of order(rep + 2)) {
        const xs = await rtts(echo[path])
        p99[path].push(quantile(xs, 0.99))
        p50[path].push(quantile(xs, 0.5))
      }
    }
    const seconds = (performance.now() - started) / 1000
    const loadAfter = loadavg()

    const mb = BULK_BYTES / 1e6
    const lines = [
      `chaos proxy overhead, no toxic, loopback: dependency and clients in child processes, proxy in this one`,
      `  ${REPS} interleaved repetitions of ${BULK_MB} MiB download + ${BULK_MB} MiB upload + ${RTT_SAMPLES} round trips per path, medians; ${fmt(seconds)} s`,
      `  load average (1/5/15 min) before ${loadBefore}, after ${loadAfter}; ${os.cpus().length} cores; Node ${process.versions.node}; proxy reads client sockets with ${clientReads}`,
    ]
    const lossLines: number[] = []
    for (const mode of ['download', 'upload'] as const) {
      const r = results[mode]
      const spawnCpu = median(r.direct.map((t) => t.hereCpuMs))
      const loss = (path: Path): number => median(r[path].map((t, i) => 1 - t.mbps / r.direct[i]!.mbps)) * 100
      const relayCpu = (path: Path): number => (median(r[path].map((t) => t.hereCpuMs)) - spawnCpu) / mb
      lossLines.push(loss('proxy'))
      const ends =
        (median(r.direct.map((t) => t.clientCpuMs)) + median(r.direct.map((t) => t.dependencyCpuMs))) / mb
      const proxyCpu = relayCpu('proxy')
      lines.push(
        `  ${mode}`,
        ...PATHS.map(
          (path) =>
            `    ${path.padEnd(6)} ${fmt(median(r[path].map((t) => t.mbps))).padStart(5)} MB/s  (runs ${r[path].map((t) => fmt(t.mbps)).join(', ')})`,
        ),
        `    CPU per MB: client ${fmt(median(r.direct.map((t) => t.clientCpuMs)) / mb, 2)} ms, dependency ${fmt(median(r.direct.map((t) => t.dependencyCpuMs)) / mb, 2)} ms (direct); proxy ${fmt(relayCpu('proxy'), 2)} ms, bare pipe ${fmt(relayCpu('pipe'), 2)} ms`,
        `    loss vs direct (paired median): proxy ${fmt(loss('proxy'), 1)} %, bare pipe ${fmt(loss('pipe'), 1)} %`,
        // Derived, not measured: what the CPU figures alone imply.
        `    derived: the proxy adds ${fmt((proxyCpu / ends) * 100)} % to the CPU per byte of both ends, i.e. ${fmt((1 - ends / (ends + proxyCpu)) * 100, 1)} % loss when CPU is the bottleneck; its capacity is ${fmt(1000 / proxyCpu)} MB/s per core`,
      )
    }
    const added = (path: Path): number => median(p99[path].map((x, i) => x - p99.direct[i]!))
    lines.push(
      `  round trip (64 B)`,
      ...PATHS.map(
        (path) =>
          `    ${path.padEnd(6)} p50 ${fmt(median(p50[path]), 3)} ms  p99 ${fmt(median(p99[path]), 3)} ms  (p99 per run ${p99[path].map((x) => fmt(x, 2)).join(', ')})`,
      ),
      `    added p99 (paired median): proxy ${fmt(added('proxy'), 3)} ms, bare pipe ${fmt(added('pipe'), 3)} ms`,
    )
    const worstLoss = Math.max(...lossLines)
    const addedP99 = added('proxy')
    lines.push(
      `  throughput loss (worse of download/upload) ${fmt(worstLoss, 1)} %   target ≤ 10 %   ratio ${fmt(worstLoss / 10, 2)}   ${worstLoss <= 10 ? 'OK' : 'OVER'}`,
      `  added p99        ${fmt(addedP99, 3)} ms   target ≤ 1 ms   ratio ${fmt(addedP99, 2)}   ${addedP99 <= 1 ? 'OK' : 'OVER'}`,
    )
    process.stdout.write(`${lines.join('\n')}\n`)
  } finally {
    await server.close()
    for (const r of relays) await new Promise<void>((resolve) => r.close(() => resolve()))
    child.kill()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
