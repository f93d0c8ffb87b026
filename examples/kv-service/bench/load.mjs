// Load benchmark for the running service (KV_URL): a fixed number of requests at fixed concurrency over
// keep-alive connections, then Gauntlet's JSON format with latency percentiles, throughput and the server's
// memory. Each run of the benchmark stage (repeat: N) gives one sample per metric.
import { writeFile, mkdir } from 'node:fs/promises'
import { Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'

const base = new URL(process.env.KV_URL ?? 'http://127.0.0.1:38471')
const total = Number(process.env.BENCH_REQUESTS ?? 3000)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16)
const out = process.env.BENCH_OUTPUT ?? 'reports/bench.json'
const agent = new Agent({ keepAlive: true, maxSockets: concurrency })

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, method, path, agent }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode))
    })
    req.setTimeout(5000, () => req.destroy(new Error(`${method} ${path} timed out`)))
    req.on('error', reject)
    req.end(body)
  })
}

function percentile(sorted, p) {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

async function phase(name, makeRequest) {
  const latencies = []
  let errors = 0
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++
        const t0 = performance.now()
        try {
          const status = await makeRequest(i)
          if (status >= 500) errors++
        } catch {
          errors++
        }
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const elapsedS = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    name,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    throughput: total / elapsedS,
    errorRate: errors / total,
  }
}

const round = (x, digits = 4) => Number(x.toPrecision(digits))
const value = 'v'.repeat(128)
const put = await phase('put', (i) => call('PUT', `/kv/bench-${i % 500}`, value))
const get = await phase('get', (i) => call('GET', `/kv/bench-${i % 500}`))
const stats = await (await fetch(new URL('/stats', base))).json()
agent.destroy()

const metrics = []
for (const p of [put, get]) {
  metrics.push(
    { name: `${p.name}/p50_latency`, unit: 'ms', value: round(p.p50) },
    { name: `${p.name}/p95_latency`, unit: 'ms', value: round(p.p95) },
    { name: `${p.name}/p99_latency`, unit: 'ms', value: round(p.p99) },
    { name: `${p.name}/throughput`, unit: 'req/s', value: round(p.throughput) },
    { name: `${p.name}/error_rate`, unit: 'ratio', direction: 'lower', value: p.errorRate },
  )
}
metrics.push({ name: 'server/rss', unit: 'bytes', value: stats.rssBytes, tags: ['memory'] })

await mkdir(out.replace(/\/[^/]*$/, ''), { recursive: true })
await writeFile(out, `${JSON.stringify({ suite: 'kv-service', metrics }, null, 2)}\n`)
for (const m of metrics) console.log(`${m.name.padEnd(20)} ${m.value} ${m.unit}`)
