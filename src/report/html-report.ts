// The self-contained HTML report (report.html): every metric's history as an interactive uPlot chart with
// change points and budgets marked, the findings, the chaos experiments, and a filterable test table. No network:
// uPlot's JS and CSS and our client script are inlined, and a Content-Security-Policy forbids any fetch.
// Data goes in as JSON inside a <script type="application/json"> (with `<` escaped) and is only ever put into
// the page with textContent; server-rendered rows go through escapeHtml.

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { AnalysisReport } from '../model/analysis-report.js'
import type { TestCase, TestStatus } from '../model/test-case.js'
import { escapeHtml, safeUrl } from './escape.js'
import { formatDuration, formatPercent, formatValue, plural } from './format.js'
import { defaultTemplatesDir } from './templates.js'
import type { ReportLinks } from './view-model.js'
import { iconFor } from './view-model.js'

/** File name of the HTML report inside the report directory. */
export const HTML_REPORT_FILE = 'report.html'
/** File name of the markdown report (the job summary's content) inside the report directory. */
export const MARKDOWN_REPORT_FILE = 'report.md'

/** uPlot's browser build and stylesheet, plus our client script and stylesheet. */
export interface HtmlAssets {
  readonly uplotJs: string | null
  readonly uplotCss: string
  readonly appJs: string
  readonly appCss: string
}

/**
 * Reads the assets: uPlot from `node_modules` (a dependency) or, in the bundled action where node_modules is
 * absent, from `templates/vendor/` beside the bundle; our script and stylesheet from `templates/html/`.
 * A missing uPlot leaves the report without charts (the tables still work) rather than failing the run.
 */
export function loadHtmlAssets(templatesDir: string = defaultTemplatesDir()): HtmlAssets {
  const read = (file: string): string | null => {
    try {
      return readFileSync(file, 'utf8')
    } catch {
      return null
    }
  }
  const fromModules = (name: string): string | null => {
    try {
      return read(createRequire(import.meta.url).resolve(`uplot/dist/${name}`))
    } catch {
      return null
    }
  }
  const vendor = (name: string): string | null => read(path.join(templatesDir, 'vendor', name))
  return {
    uplotJs: vendor('uPlot.iife.min.js') ?? fromModules('uPlot.iife.min.js'),
    uplotCss: vendor('uPlot.min.css') ?? fromModules('uPlot.min.css') ?? '',
    appJs: read(path.join(templatesDir, 'html', 'report.js')) ?? '',
    appCss: read(path.join(templatesDir, 'html', 'report.css')) ?? '',
  }
}

/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  /** The run's test cases for the test table; without them the table lists the tests named by findings. */
  readonly tests?: readonly TestCase[]
  readonly links?: ReportLinks
  /** Assets to inline; read with {@link loadHtmlAssets} when absent. */
  readonly assets?: HtmlAssets
}

/** Serialises data for a `<script type="application/json">`: nothing in it can close the script element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** Closes `</script` and `</style` sequences inside inlined code, so a library string cannot end our element. */
function inlineSafe(code: string, tag: 'script' | 'style'): string {
  return code.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`)
}

const STATUS_ORDER: readonly TestStatus[] = ['failed', 'errored', 'flaky', 'skipped', 'passed']

interface TestRow {
  readonly status: TestStatus | 'new failure'
  readonly name: string
  readonly stage: string
  readonly durationMs: number | null
  readonly where: string
  readonly message: string
}

function testRows(report: AnalysisReport, tests: readonly TestCase[] | undefined): TestRow[] {
  if (tests) {
    return [...tests]
      .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status))
      .map((t) => ({
        status: t.status,
        name: [t.suite, t.classname, t.name].filter((s) => s !== '').join(' › '),
        stage: t.stage,
        durationMs: t.durationMs,
        where: t.file ? `${t.file}${t.line ? `:${t.line}` : ''}` : '',
        message: (t.message ?? '').split('\n')[0] ?? '',
      }))
  }
  return report.findings
    .filter((f) => f.subject.type === 'test')
    .map((f) => ({
      status:
        f.kind === 'test-flaky'
          ? 'flaky'
          : f.kind === 'test-new-failure' || f.kind === 'test-still-failing'
            ? 'failed'
            : 'passed',
      name: f.title,
      stage: f.subject.stage ?? '',
      durationMs: f.numbers?.durationMs ?? null,
      where: f.location ? `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}` : '',
      message: (f.message ?? f.reason).split('\n')[0] ?? '',
    }))
}

function chartData(report: AnalysisReport): unknown[] {
  const budgets = new Map<string, number>()
  for (const f of report.findings) {
    if (f.kind === 'budget' && f.subject.type === 'metric' && f.numbers?.threshold !== undefined) {
      budgets.set(f.subject.key, f.numbers.threshold)
    }
  }
  const runTime = Date.parse(report.run.timestamp) / 1000
  const order = (v: string): number => (v === 'regressed' ? 0 : v === 'improved' ? 1 : 2)
  return [...report.comparisons]
    .sort((a, b) => order(a.verdict) - order(b.verdict))
    .map((c) => {
      const points = report.series[c.key] ?? []
      return {
        key: c.key,
        unit: c.unit,
        verdict: c.verdict,
        current: c.current,
        runTime: Number.isFinite(runTime) ? runTime : null,
        baseline: c.baseline?.center ?? null,
        deltaPct: c.deltaPct,
        budget: budgets.get(c.key) ?? null,
        t: points.map((p) => Date.parse(p.timestamp) / 1000),
        v: points.map((p) => p.value),
        sha: points.map((p) => p.sha.slice(0, 7)),
        changepoints: report.changepoints[c.key] ?? [],
      }
    })
}

/** Renders report.html. Pure when `assets` is given; otherwise reads them once from disk. */
export function renderHtmlReport(report: AnalysisReport, opts: HtmlReportOptions = {}): string {
  const assets = opts.assets ?? loadHtmlAssets()
  const r = report
  const rows = testRows(r, opts.tests)
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1)
  const e = (s: string, max = 500): string => escapeHtml(s, max)
  const run = safeUrl(opts.links?.run)
  const commit = safeUrl(opts.links?.commit)
  const failed = r.tests.failed + r.tests.errored
  const regressed = r.comparisons.filter((c) => c.verdict === 'regressed').length

  const findings = r.findings
    .map(
      (f) =>
        `<li class="sev-${f.severity}">${iconFor('html', f.severity)} <strong>${e(f.title)}</strong>: ${e(f.reason)}</li>`,
    )
    .join('\n')
  const chaos = r.chaos
    .map(
      (c) =>
        `<tr class="${c.verdict}"><td>${iconFor('html', c.verdict === 'failed' ? 'error' : 'pass')}</td><td>${e(c.experiment)}</td><td>${e(c.fault)}</td>` +
        `<td>${c.steadyState.before}/${c.steadyState.during}/${c.steadyState.after}</td><td>${(c.errorRate * 100).toFixed(1)} %</td>` +
        `<td>${c.latencyMs ? formatValue(c.latencyMs.p95, 'ms') : '—'}</td><td>${c.recoveryMs === null ? 'did not recover' : formatDuration(c.recoveryMs)}</td></tr>`,
    )
    .join('\n')
  const testTable = rows
    .map(
      (t) =>
        `<tr data-status="${e(t.status)}"><td class="status">${e(t.status)}</td><td>${e(t.name)}</td><td>${e(t.stage)}</td>` +
        `<td class="num">${t.durationMs === null ? '' : formatDuration(t.durationMs)}</td><td>${e(t.where, 300)}</td><td>${e(t.message, 300)}</td></tr>`,
    )
    .join('\n')
  const statusBoxes = [...counts.entries()]
    .sort((a, b) => STATUS_ORDER.indexOf(a[0] as TestStatus) - STATUS_ORDER.indexOf(b[0] as TestStatus))
    .map(
      ([status, n]) =>
        `<label><input type="checkbox" name="status" value="${e(status)}" checked> ${e(status)} (${n})</label>`,
    )
    .join(' ')
  const metricList = r.comparisons.length
    ? `<p>${plural(r.comparisons.length, 'metric')}; ${regressed} regressed. Charts draw as you scroll.</p>`
    : '<p>No metrics in this run.</p>'
  const csp =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'"

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gauntlet report: ${e(r.run.repository, 140)} ${e(r.run.sha.slice(0, 7), 7)}</title>
<style>${inlineSafe(assets.uplotCss, 'style')}</style>
<style>${inlineSafe(assets.appCss, 'style')}</style>
</head>
<body>
<header>
<h1>${iconFor('html', r.verdict)} Gauntlet: ${e(r.verdict)}</h1>
<p class="run">${e(r.run.repository, 140)} · ${e(r.run.branch, 200)}${r.run.prNumber === null ? '' : ` · PR #${r.run.prNumber}`} · ${commit ? `<a href="${e(commit)}">${e(r.run.sha.slice(0, 7))}</a>` : e(r.run.sha.slice(0, 7))}${run ? ` · <a href="${e(run)}">run</a>` : ''} · ${e(r.run.timestamp, 40)}</p>
<p class="counts">${plural(r.tests.tests, 'test')}: ${failed} failed (${r.tests.newFailures} new), ${r.tests.flaky} flaky, ${r.tests.skipped} skipped · ${plural(r.comparisons.length, 'metric')}: ${regressed} regressed · ${plural(r.chaos.length, 'chaos experiment')} · ${plural(r.historyRuns, 'baseline run')}</p>
<p class="rules">Rule: robust z ≥ ${r.rules.warnZ} (warning) / ${r.rules.failZ} (error) and change ≥ ${formatPercent(r.rules.minEffectPct).replace('+', '')}, window ${r.rules.window} runs, ${r.rules.retentionDays} days of history.</p>
</header>
<main>
<section id="findings"><h2>Findings (${r.findings.length})</h2>${findings ? `<ul>${findings}</ul>` : '<p>None.</p>'}</section>
<section id="metrics"><h2>Metrics</h2>
${assets.uplotJs ? '' : '<p class="warn">Charts are unavailable: uPlot was not found when this report was written.</p>'}
<p><label>Filter metrics <input type="search" id="metric-filter" placeholder="key contains…"></label></p>
${metricList}
<div id="charts"></div>
</section>
<section id="chaos"><h2>Chaos experiments (${r.chaos.length})</h2>${chaos ? `<table><thead><tr><th></th><th>Experiment</th><th>Fault</th><th>Steady state before/during/after</th><th>Errors</th><th>p95</th><th>Recovery</th></tr></thead><tbody>${chaos}</tbody></table>` : '<p>None.</p>'}</section>
<section id="tests"><h2>Tests (${rows.length})</h2>
<form id="test-filters" onsubmit="return false">${statusBoxes} <label>Name <input type="search" id="test-filter" placeholder="contains…"></label> <span id="test-count"></span></form>
<table id="test-table"><thead><tr><th>Status</th><th>Test</th><th>Stage</th><th>Duration</th><th>Where</th><th>Message</th></tr></thead>
<tbody>
${testTable}
</tbody></table>
</section>
</main>
<script type="application/json" id="gauntlet-data">${jsonForScript({ metrics: chartData(r) })}</script>
${assets.uplotJs ? `<script>${inlineSafe(assets.uplotJs, 'script')}</script>` : ''}
<script>${inlineSafe(assets.appJs, 'script')}</script>
</body>
</html>
`
}
