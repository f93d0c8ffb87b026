/**
 * JUnit parse throughput and memory. Targets: ≥ 40 MB/s and peak RSS growth ≤ 5× file size for generated 1, 10
 * and 100 MB reports.
 *
 * Each size runs in its own child process so peak RSS (`process.resourceUsage().maxRSS`) belongs to that parse
 * alone; the child reports its RSS before parsing too, and the memory ratio uses the growth over that baseline
 * (Node itself plus tsx take ~60–100 MB, which a 1 MB file cannot be held to). Files are generated in a temp dir
 * with a realistic mix: 5 % failures with stack traces, 5 % skipped, some CDATA output, entities in messages.
 *
 * Wall-clock MB/s is judged against the target; MB/s per CPU second is printed too, since on a shared runner
 * other processes' load slows the wall clock but not the parser.
 *
 * Run: `node --expose-gc --import tsx bench/junit-parse.bench.ts` (or through bench/index.ts).
 */
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseTestReportFile } from '../src/parsers/tests/index.js'

const SIZES_MB = [1, 10, 100]
const TARGET_MB_PER_S = 40
const TARGET_RSS_RATIO = 5
const CHILD_FLAG = '--junit-parse-child'

/** Writes a JUnit report of about `mb` megabytes (10^6 bytes) and returns its path. */
function generate(dir: string, mb: number): string {
  const path = join(dir, `junit-${mb}mb.xml`)
  const fd = openSync(path, 'w')
  let size = 0
  let pending = ''
  const write = (s: string): void => {
    pending += s
    if (pending.length > 1 << 16) {
      size += writeSync(fd, pending)
      pending = ''
    }
  }
  write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="generated">\n')
  for (let suite = 0; size + pending.length < mb * 1e6; suite++) {
    write(`  <testsuite name="com.example.Suite${suite}" tests="100" failures="5" skipped="5" time="12.5">\n`)
    for (let j = 0; j < 100; j++) {
      const k = j % 20
      write(
        `    <testcase classname="com.example.pkg${suite}.Class${j % 7}" name="test_${j}_does_something[param-${k}]"` +
          ` time="0.0${k}" file="src/test/pkg${suite}/Class${j % 7}.java" line="${j + 10}">`,
      )
      if (k === 3) {
        write(
          '<failure message="expected &lt;1&gt; but was &lt;2&gt;" type="AssertionError">' +
            'java.lang.AssertionError: expected &lt;1&gt; but was &lt;2&gt;\n\tat com.example.Foo.bar(Foo.java:12)\n' +
            '\tat com.example.Foo.baz(Foo.java:40)\n</failure>',
        )
      }
      if (k === 7) write('<skipped message="not ready on this platform"/>')
      if (k === 9)
        write('<system-out><![CDATA[some output line\nanother line with <tags> & stuff]]></system-out>')
      write('</testcase>\n')
    }
    write('  </testsuite>\n')
  }
  write('</testsuites>\n')
  size += writeSync(fd, pending)
  closeSync(fd)
  return path
}

interface ChildResult {
  readonly bytes: number
  readonly seconds: number
  readonly cpuSeconds: number
  readonly tests: number
  readonly baselineRssBytes: number
  readonly peakRssBytes: number
}

/** In the child: parse once and print figures as JSON. */
async function child(path: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const baselineRssBytes = process.memoryUsage().rss
  const start = process.hrtime.bigint()
  const cpuStart = process.cpuUsage()
  const report = await parseTestReportFile(path, 'junit', { maxBytes: 200 * 1024 * 1024 })
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const cpu = process.cpuUsage(cpuStart)
  const result: ChildResult = {
    bytes: statSync(path).size,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    tests: report.tests.length,
    baselineRssBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

/** Generates the reports, parses each in a child process and prints throughput and memory against the targets. */
export function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-junit-bench-'))
  const self = fileURLToPath(import.meta.url)
  let allPass = true
  try {
    console.log(
      `junit-parse: targets ≥ ${TARGET_MB_PER_S} MB/s, peak RSS growth ≤ ${TARGET_RSS_RATIO}× file size`,
    )
    for (const mb of SIZES_MB) {
      const path = generate(dir, mb)
      const out = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, CHILD_FLAG, path], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      })
      if (out.status !== 0) {
        console.log(`  ${mb} MB: child failed (${out.status}): ${out.stderr.slice(0, 500)}`)
        allPass = false
        continue
      }
      const r = JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}') as ChildResult
      const mbPerS = r.bytes / 1e6 / r.seconds
      // CPU time shows the parser's own speed when other processes share the cores; the target is judged on wall time.
      const cpuMbPerS = r.bytes / 1e6 / r.cpuSeconds
      const growth = Math.max(0, r.peakRssBytes - r.baselineRssBytes)
      const ratio = growth / r.bytes
      const pass = mbPerS >= TARGET_MB_PER_S && ratio <= TARGET_RSS_RATIO
      allPass &&= pass
      console.log(
        `  ${(r.bytes / 1e6).toFixed(1)} MB, ${r.tests} tests: ${mbPerS.toFixed(1)} MB/s wall ` +
          `(${(mbPerS / TARGET_MB_PER_S).toFixed(2)}× target; ${cpuMbPerS.toFixed(1)} MB/s of CPU time), peak RSS ${(r.peakRssBytes / 1e6).toFixed(0)} MB, ` +
          `growth ${(growth / 1e6).toFixed(0)} MB = ${ratio.toFixed(2)}× file ` +
          `(${(ratio / TARGET_RSS_RATIO).toFixed(2)} of budget) → ${pass ? 'PASS' : 'FAIL'}`,
      )
      rmSync(path, { force: true })
    }
    console.log(`junit-parse: ${allPass ? 'all targets met' : 'TARGET MISSED'}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return Promise.resolve()
}

if (process.argv.includes(CHILD_FLAG)) {
  await child(process.argv[process.argv.indexOf(CHILD_FLAG) + 1] ?? '')
} else if (import.meta.url === `file://${process.argv[1]}`) {
  await run()
}
