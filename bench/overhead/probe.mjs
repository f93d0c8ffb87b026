/**
 * Preloaded with `node --import` into the measured action process (bench/overhead.bench.ts only; never shipped).
 * When GAUNTLET_BENCH_PROBE names a file, it notes when each `::group::` / `::endgroup::` workflow command is
 * written (milliseconds since the process's time origin, i.e. since node started) and, at exit, writes those
 * marks with the process's peak RSS (`resourceUsage().maxRSS`, kB) and CPU time (user + system) to that file. A preload has to act when it
 * is loaded; the cost is one string test per stdout write.
 */
import { writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const out = process.env.GAUNTLET_BENCH_PROBE
if (out) {
  const loadedAt = performance.now()
  const marks = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = (chunk, ...rest) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    if (text.includes('::group::') || text.includes('::endgroup::')) {
      const at = performance.now()
      for (const line of text.split('\n')) {
        if (line.startsWith('::group::')) marks.push({ at, group: line.slice('::group::'.length).trim() })
        else if (line.startsWith('::endgroup::')) marks.push({ at, group: null })
      }
    }
    return write(chunk, ...rest)
  }
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(
      out,
      JSON.stringify({
        loadedAt,
        exitAt: performance.now(),
        maxRssKb: usage.maxRSS,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        marks,
      }),
    )
  })
}
