/**
 * Report rendering: the PR comment for a run with 10,000 tests and 2,000 metrics (90-day series each), target
 * ≤ 200 ms; also the 1 MiB job summary and report.html for the same run, for information. Templates are loaded
 * once outside the timing, as in a real run; the first render is timed separately (it pays for JIT warm-up).
 */
import { renderHtmlReport, loadHtmlAssets } from '../src/report/html-report.js'
import { renderReport } from '../src/report/render-report.js'
import { loadTemplates } from '../src/report/templates.js'
import { LINKS, hugeRun, testCases } from '../test/fixtures/report/reports.js'

const TARGET_MS = 200
const REPEATS = 5

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function time(fn: () => unknown): number {
  const start = performance.now()
  fn()
  return performance.now() - start
}

/** Prints the figures and how they compare with the target. */
export async function run(): Promise<void> {
  const templates = await loadTemplates({}, (m) => console.warn(m))
  const report = hugeRun()
  const tests = testCases(10_000)
  const assets = loadHtmlAssets()
  const comment = (): string =>
    renderReport(report, { templates, links: LINKS, target: 'comment', commentId: 'd' })
  const first = time(comment)
  const comments = Array.from({ length: REPEATS }, () => time(comment))
  const summaries = Array.from({ length: 3 }, () =>
    time(() => renderReport(report, { templates, links: LINKS, target: 'summary', commentId: 'd' })),
  )
  let htmlBytes = 0
  const htmls = Array.from({ length: 3 }, () =>
    time(() => {
      htmlBytes = Buffer.byteLength(renderHtmlReport(report, { assets, tests, links: LINKS }))
    }),
  )
  const body = comment()
  const worst = Math.max(first, ...comments)
  console.log('report: 10,000 tests, 2,000 metrics × 90 days')
  console.log(
    `  comment: first ${first.toFixed(1)} ms, median of ${REPEATS} ${median(comments).toFixed(1)} ms, ` +
      `worst ${worst.toFixed(1)} ms (target ≤ ${TARGET_MS} ms, ratio ${(worst / TARGET_MS).toFixed(2)}); ` +
      `${body.length.toLocaleString('en-US')} characters (limit 65,536) ${worst <= TARGET_MS && body.length < 65_536 ? 'OK' : 'OVER'}`,
  )
  console.log(`  job summary: median ${median(summaries).toFixed(1)} ms`)
  console.log(
    `  report.html with 10,000 test rows: median ${median(htmls).toFixed(1)} ms, ${(htmlBytes / 1024 / 1024).toFixed(1)} MiB`,
  )
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
