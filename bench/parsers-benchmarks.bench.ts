// Throughput of the benchmark-output parsers on large synthetic inputs (Go text, cargo text, Gauntlet JSON
// with samples) and the heap they retain. Target: ≥ 20 MB/s for every format, i.e. a 10 MB file in < 0.5 s,
// so parsing is never a noticeable part of a CI run.
import { loadavg } from 'node:os'
import { parseBenchmarkOutput } from '../src/parsers/benchmarks/index.js'

const TARGET_MB_PER_S = 20

function goOutput(lines: number): string {
  const out = ['goos: linux', 'goarch: amd64', 'pkg: example.com/a/b']
  for (let i = 0; i < lines; i++) {
    out.push(
      `BenchmarkCase${i}/sub_${i % 7}-4   \t ${1000 + i}\t   ${(i * 1.37).toFixed(2)} ns/op\t  ${i % 512} B/op\t  ${i % 9} allocs/op`,
    )
  }
  return out.join('\n')
}

function cargoOutput(lines: number): string {
  const out: string[] = []
  for (let i = 0; i < lines; i++)
    out.push(
      `test mod_${i % 13}::bench_${i} ... bench:   ${(i * 31).toLocaleString('en-US')} ns/iter (+/- ${i % 97})`,
    )
  return out.join('\n')
}

function gauntletJson(metrics: number, samples: number): string {
  return JSON.stringify({
    suite: 'bench',
    metrics: Array.from({ length: metrics }, (_, i) => ({
      name: `metric ${i}`,
      unit: 'ms',
      samples: Array.from({ length: samples }, (_, j) => 10 + ((i * 31 + j * 17) % 100) / 10),
    })),
  })
}

function measure(label: string, format: 'go' | 'cargo' | 'gauntlet', content: string): void {
  const bytes = Buffer.byteLength(content)
  globalThis.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const start = process.hrtime.bigint()
  const cpuStart = process.cpuUsage()
  const report = parseBenchmarkOutput(`${label}.out`, content, format)
  const cpu = process.cpuUsage(cpuStart)
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9
  // CPU time, not wall time: CI machines (and this one) are shared, and wall time measures the neighbours.
  const seconds = (cpu.user + cpu.system) / 1e6
  const heapAfter = process.memoryUsage().heapUsed
  const mbPerS = bytes / 1e6 / seconds
  console.log(
    `${label.padEnd(22)} ${(bytes / 1e6).toFixed(1).padStart(6)} MB  ${report.metrics.length.toString().padStart(7)} metrics  ` +
      `cpu ${(seconds * 1000).toFixed(0).padStart(5)} ms (wall ${(wallSeconds * 1000).toFixed(0)} ms)  ${mbPerS.toFixed(1).padStart(6)} MB/s cpu  ` +
      `heap +${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB  target ratio ${(mbPerS / TARGET_MB_PER_S).toFixed(2)} (≥ 1 is good)`,
  )
}

/** Prints throughput and retained heap of the parsers on ~10 MB inputs. */
export async function run(): Promise<void> {
  console.log(
    `benchmark-output parsers (target ≥ ${TARGET_MB_PER_S} MB/s; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  )
  measure('go text', 'go', goOutput(110_000))
  measure('cargo text', 'cargo', cargoOutput(160_000))
  measure('gauntlet json', 'gauntlet', gauntletJson(2_000, 250))
  await Promise.resolve()
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
