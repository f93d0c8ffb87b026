// Turns an AnalysisReport into the view a template sees. This is the one place where text from test output is
// escaped for a target; templates are compiled with `noEscape` and only ever see escaped strings, numbers and
// booleans. Selection and sorting (`prepareReport`) run once; escaping (`buildView`) runs only over the rows
// that fit the current caps, so shrinking a comment to fit GitHub's limit re-renders small views only.

import type {
  AnalysisReport,
  ComparisonVerdict,
  MetricComparison,
  SeriesPoint,
} from '../model/analysis-report.js'
import type { ChaosResult, SteadyStateVerdict } from '../model/chaos.js'
import type { Badge, Finding, FindingKind } from '../model/finding.js'
import type { Severity } from '../model/severity.js'
import { severityRank } from '../model/severity.js'
import {
  escapeHtml,
  escapeMarkdown,
  escapeMarkdownTableCell,
  escapeSlackMrkdwn,
  markdownCodeBlock,
  plainText,
  safeUrl,
  cleanText,
  truncateText,
} from './escape.js'
import {
  downsample,
  formatCount,
  formatDuration,
  formatPercent,
  formatValue,
  plural,
  sparkline,
} from './format.js'

/** The syntaxes a template can produce; each has its own escaper. */
export type TextTarget = 'markdown' | 'slack' | 'html' | 'text'

/** Links a report may show; anything that is not an absolute http(s) URL is dropped. */
export interface ReportLinks {
  /** The workflow run. */
  readonly run?: string
  /** The commit; `…/commit/<sha>` also gives the base for file:line links. */
  readonly commit?: string
  /** A history dashboard or the history artifact. */
  readonly history?: string
  /** The full report (report.html artifact), linked when something was cut. */
  readonly fullReport?: string
  /** Base for file links, e.g. `https://github.com/o/r/blob/<sha>/`; derived from `commit` when absent. */
  readonly blob?: string
}

/** How many rows of each section a view holds; lowered step by step to fit a size limit. */
export interface ViewCaps {
  readonly changed: number
  readonly failures: number
  readonly messageLines: number
  readonly flaky: number
  readonly fixed: number
  readonly unchanged: number
  readonly chaos: number
  readonly other: number
  readonly trends: number
  readonly charts: 'mermaid' | 'sparkline' | 'none'
}

/** One metric row; every string is escaped for the view's target. */
export interface MetricRowView {
  readonly metric: string
  readonly stage: string
  readonly current: string
  readonly currentValue: number
  readonly unit: string
  readonly baseline: string
  readonly n: number | null
  readonly window: number | null
  readonly delta: string
  readonly z: string
  readonly verdict: ComparisonVerdict
  readonly verdictLabel: string
  readonly icon: string
  readonly severity: Severity | null
  readonly badges: string
  readonly sparkline: string
}

export interface FailureView {
  readonly title: string
  readonly isNew: boolean
  readonly severity: Severity
  readonly location: string
  readonly message: string
  readonly hasMessage: boolean
  readonly reason: string
}

export interface TestRowView {
  readonly title: string
  readonly detail: string
  readonly severity: Severity
}

export interface ChaosRowView {
  readonly experiment: string
  readonly fault: string
  readonly before: string
  readonly during: string
  readonly after: string
  readonly errorRate: string
  readonly p95: string
  readonly recovery: string
  readonly verdict: 'passed' | 'failed'
  readonly icon: string
  readonly notes: string
}

export interface FindingRowView {
  readonly icon: string
  readonly severity: Severity
  readonly kind: FindingKind
  readonly title: string
  readonly reason: string
}

export interface TrendView {
  readonly metric: string
  readonly points: number
  readonly sparkline: string
  /** A complete fenced `mermaid` block (markdown targets with `charts: mermaid`), else empty. */
  readonly mermaid: string
  readonly first: string
  readonly last: string
  readonly changepoints: string
}

/** What every template receives. Document changes here: user templates depend on these names. */
export interface ReportView {
  readonly target: TextTarget
  readonly id: string
  readonly marker: string
  readonly verdict: {
    readonly severity: Severity | 'pass'
    readonly icon: string
    readonly label: string
    readonly headline: string
    readonly advice: string
  }
  readonly run: {
    readonly repository: string
    readonly branch: string
    readonly sha: string
    readonly shortSha: string
    readonly event: string
    readonly prNumber: number | null
    readonly runner: string
    readonly timestamp: string
  }
  readonly links: {
    readonly run: string | null
    readonly commit: string | null
    readonly history: string | null
    readonly fullReport: string | null
  }
  readonly counts: {
    readonly tests: number
    readonly passed: number
    readonly failed: number
    readonly skipped: number
    readonly newFailures: number
    readonly fixed: number
    readonly flaky: number
    readonly regressed: number
    readonly improved: number
    readonly unchanged: number
    readonly metrics: number
    readonly chaos: number
    readonly chaosBroken: number
    readonly findings: number
  }
  readonly firstRun: boolean
  readonly historyRuns: number
  readonly changed: readonly MetricRowView[]
  readonly unchanged: readonly MetricRowView[]
  readonly failures: readonly FailureView[]
  readonly flaky: readonly TestRowView[]
  readonly fixed: readonly TestRowView[]
  readonly chaos: readonly ChaosRowView[]
  readonly other: readonly FindingRowView[]
  readonly trends: readonly TrendView[]
  readonly rules: {
    readonly window: number
    readonly minSamples: number
    readonly minEffect: string
    readonly warnZ: number
    readonly failZ: number
    readonly fdrQ: number
    readonly retentionDays: number
  }
  /** Human lines naming what is not shown (caps or size limit), e.g. `1,800 unchanged metrics`. */
  readonly cut: readonly string[]
  readonly hasCut: boolean
  /** How trends are drawn: a Mermaid block, sparklines only, or not at all. */
  readonly charts: 'mermaid' | 'sparkline' | 'none'
}

const FAILURE_KINDS: ReadonlySet<FindingKind> = new Set(['test-new-failure', 'test-still-failing'])
/** Findings shown in their own sections; everything else goes to "other findings". */
const SECTION_KINDS: ReadonlySet<FindingKind> = new Set([
  'test-new-failure',
  'test-still-failing',
  'test-flaky',
  'test-fixed',
  'metric-regression',
  'metric-improvement',
  'chaos-failed',
])

/** Sorted and selected inputs of a view, computed once per report (no escaping yet). */
export interface PreparedReport {
  readonly report: AnalysisReport
  readonly changed: readonly MetricComparison[]
  readonly unchanged: readonly MetricComparison[]
  readonly failures: readonly Finding[]
  readonly flaky: readonly Finding[]
  readonly fixed: readonly Finding[]
  readonly chaos: readonly ChaosResult[]
  readonly other: readonly Finding[]
  readonly regressedKeys: readonly string[]
  readonly regressed: number
  readonly improved: number
}

function isChanged(c: MetricComparison): boolean {
  return (
    c.verdict === 'regressed' ||
    c.verdict === 'improved' ||
    (c.severity !== null && severityRank(c.severity) >= severityRank('warning'))
  )
}

function compareComparisons(a: MetricComparison, b: MetricComparison): number {
  const sa = a.severity === null ? -1 : severityRank(a.severity)
  const sb = b.severity === null ? -1 : severityRank(b.severity)
  if (sa !== sb) return sb - sa
  if (a.verdict !== b.verdict) return a.verdict === 'regressed' ? -1 : b.verdict === 'regressed' ? 1 : 0
  return Math.abs(b.deltaPct ?? 0) - Math.abs(a.deltaPct ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
}

/**
 * Selects and orders what a report shows. With `subset` (an alert route's findings), lists are restricted to
 * those findings and the metrics/experiments they name; counts stay those of the whole run.
 */
export function prepareReport(report: AnalysisReport, subset?: readonly Finding[]): PreparedReport {
  const findings = subset ?? report.findings
  const metricKeys = subset
    ? new Set(subset.filter((f) => f.subject.type === 'metric').map((f) => f.subject.key))
    : null
  const chaosKeys = subset
    ? new Set(subset.filter((f) => f.subject.type === 'chaos').map((f) => f.subject.key))
    : null
  const comparisons = metricKeys
    ? report.comparisons.filter((c) => metricKeys.has(c.key))
    : report.comparisons
  const changed = comparisons.filter(isChanged).sort(compareComparisons)
  const unchanged = comparisons.filter((c) => !isChanged(c))
  const failures = findings.filter((f) => FAILURE_KINDS.has(f.kind))
  // New failures first: those are what this change broke.
  failures.sort((a, b) => Number(b.kind === 'test-new-failure') - Number(a.kind === 'test-new-failure'))
  const chaos = (chaosKeys ? report.chaos.filter((c) => chaosKeys.has(c.experiment)) : report.chaos)
    .slice()
    .sort((a, b) => Number(b.verdict === 'failed') - Number(a.verdict === 'failed'))
  return {
    report,
    changed,
    unchanged,
    failures,
    flaky: findings.filter((f) => f.kind === 'test-flaky'),
    fixed: findings.filter((f) => f.kind === 'test-fixed'),
    chaos,
    other: findings.filter((f) => !SECTION_KINDS.has(f.kind)),
    regressedKeys: changed.filter((c) => c.verdict === 'regressed').map((c) => c.key),
    regressed: report.comparisons.filter((c) => c.verdict === 'regressed').length,
    improved: report.comparisons.filter((c) => c.verdict === 'improved').length,
  }
}

interface Escaper {
  text(s: string, max?: number): string
  cell(s: string, max?: number): string
  block(s: string, lines: number): string
  link(escapedText: string, url: string | null): string
}

const ESCAPERS: Record<TextTarget, Escaper> = {
  markdown: {
    text: escapeMarkdown,
    cell: escapeMarkdownTableCell,
    block: (s, lines) => markdownCodeBlock(s, lines),
    link: (t, url) => (url ? `[${t}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : t),
  },
  slack: {
    text: escapeSlackMrkdwn,
    cell: escapeSlackMrkdwn,
    block: (s, lines) => {
      const kept = cleanText(s).split('\n').slice(0, lines).join('\n')
      // Backticks would close the code block early; a prime looks the same to a reader.
      return `\`\`\`${truncateText(kept, 1_500).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, 'ˋ')}\`\`\``
    },
    link: (t, url) => (url ? `<${url.replace(/\|/g, '%7C').replace(/>/g, '%3E')}|${t}>` : t),
  },
  html: {
    text: (s, max = 300) => escapeHtml(s.replace(/[\r\n]+/g, ' '), max),
    cell: (s, max = 300) => escapeHtml(s.replace(/[\r\n]+/g, ' '), max),
    block: (s, lines) =>
      `<pre>${escapeHtml(cleanText(s).split('\n').slice(0, lines).join('\n'), 2_000)}</pre>`,
    link: (t, url) => (url ? `<a href="${escapeHtml(url)}">${t}</a>` : t),
  },
  text: {
    text: plainText,
    cell: plainText,
    block: (s, lines) =>
      truncateText(
        cleanText(s)
          .split('\n')
          .slice(0, lines)
          .map((l) => `    ${l}`)
          .join('\n'),
        2_000,
      ),
    link: (t, url) => (url ? `${t} (${url})` : t),
  },
}

const SEVERITY_ICONS: Record<TextTarget, Record<Severity | 'pass', string>> = {
  markdown: { pass: '✅', info: 'ℹ️', warning: '⚠️', error: '❌', critical: '🚨' },
  html: { pass: '✅', info: 'ℹ️', warning: '⚠️', error: '❌', critical: '🚨' },
  slack: {
    pass: ':white_check_mark:',
    info: ':information_source:',
    warning: ':warning:',
    error: ':x:',
    critical: ':rotating_light:',
  },
  text: { pass: '[PASS]', info: '[INFO]', warning: '[WARNING]', error: '[ERROR]', critical: '[CRITICAL]' },
}

const VERDICT_ICONS: Record<TextTarget, Record<ComparisonVerdict, string>> = {
  markdown: {
    regressed: '🔴',
    improved: '🟢',
    unchanged: '⚪',
    new: '🆕',
    noisy: '〰️',
    'insufficient-history': '⏳',
    ignored: '⏸️',
  },
  html: {
    regressed: '🔴',
    improved: '🟢',
    unchanged: '⚪',
    new: '🆕',
    noisy: '〰️',
    'insufficient-history': '⏳',
    ignored: '⏸️',
  },
  slack: {
    regressed: ':red_circle:',
    improved: ':large_green_circle:',
    unchanged: ':white_circle:',
    new: ':new:',
    noisy: ':wavy_dash:',
    'insufficient-history': ':hourglass:',
    ignored: ':double_vertical_bar:',
  },
  text: {
    regressed: 'REGRESSED',
    improved: 'improved',
    unchanged: 'unchanged',
    new: 'new',
    noisy: 'noisy',
    'insufficient-history': 'insufficient history',
    ignored: 'ignored',
  },
}

// A regression's colour follows its severity: a shift seen with too little history (info) or one that is only
// a warning must not look like the red of a failing gate, or reviewers learn to ignore red.
const REGRESSION_ICONS: Record<TextTarget, Record<'strong' | 'warning' | 'weak', string>> = {
  markdown: { strong: '🔴', warning: '🟠', weak: '🟡' },
  html: { strong: '🔴', warning: '🟠', weak: '🟡' },
  slack: { strong: ':red_circle:', warning: ':large_orange_circle:', weak: ':large_yellow_circle:' },
  text: { strong: 'REGRESSED', warning: 'regressed (warning)', weak: 'regressed (info)' },
}

function comparisonIcon(target: TextTarget, c: MetricComparison): string {
  if (c.verdict !== 'regressed') return iconFor(target, c.verdict)
  const strength =
    c.severity === 'error' || c.severity === 'critical'
      ? 'strong'
      : c.severity === 'warning'
        ? 'warning'
        : 'weak'
  return REGRESSION_ICONS[target][strength]
}

/** Icon for a severity, `pass` or a comparison verdict, in the syntax of `target`. */
export function iconFor(target: TextTarget, key: string): string {
  const sev = SEVERITY_ICONS[target] as Record<string, string>
  const ver = VERDICT_ICONS[target] as Record<string, string>
  return sev[key] ?? ver[key] ?? ''
}

const VERDICT_LABELS: Record<ComparisonVerdict, string> = {
  regressed: 'regressed',
  improved: 'improved',
  unchanged: 'unchanged',
  new: 'new',
  noisy: 'noisy',
  'insufficient-history': 'insufficient history',
  ignored: 'ignored',
}

const BADGE_LABELS: Record<Badge, string> = {
  noisy: 'noisy',
  new: 'new',
  'insufficient-history': 'insufficient history',
  'different-runner': 'different runner',
  quarantined: 'quarantined',
  unconfirmed: 'unconfirmed',
}

function badgeText(target: TextTarget, badges: readonly Badge[]): string {
  const labels = badges.map((b) => BADGE_LABELS[b] ?? 'unknown')
  if (target === 'markdown' || target === 'slack') return labels.map((l) => `\`${l}\``).join(' ')
  if (target === 'html') return labels.map((l) => `<span class="badge">${l}</span>`).join(' ')
  return labels.join(', ')
}

/** Raw change in percent from the baseline (not the worse-is-positive sign the analysis uses). */
function rawChangePct(c: MetricComparison): number | null {
  if (c.deltaPct === null) return null
  return c.direction === 'higher' ? -c.deltaPct : c.deltaPct
}

function metricRow(
  target: TextTarget,
  esc: Escaper,
  c: MetricComparison,
  series: readonly SeriesPoint[] | undefined,
): MetricRowView {
  const raw = rawChangePct(c)
  return {
    metric: esc.cell(c.key),
    stage: c.stage,
    current: esc.cell(formatValue(c.current, c.unit)),
    currentValue: c.current,
    unit: esc.cell(c.unit, 40),
    baseline: c.baseline
      ? esc.cell(`${formatValue(c.baseline.center, c.unit)} (n ${c.baseline.n}/${c.baseline.window})`)
      : '—',
    n: c.baseline?.n ?? null,
    window: c.baseline?.window ?? null,
    delta: raw === null ? '—' : formatPercent(raw),
    z: c.z === null ? '—' : c.z.toFixed(1),
    verdict: c.verdict,
    verdictLabel: VERDICT_LABELS[c.verdict],
    icon: comparisonIcon(target, c),
    severity: c.severity,
    badges: badgeText(target, c.badges),
    sparkline:
      series && series.length > 1
        ? sparkline(
            series.map((p) => p.value),
            20,
          )
        : '',
  }
}

function fileLink(links: ReportLinks, file: string, line: number | undefined): string | null {
  let base = links.blob
  if (!base && links.commit) {
    const m = /^(https?:\/\/.+)\/commit\/([0-9a-f]{7,64})\/?$/i.exec(links.commit)
    if (m) base = `${m[1]}/blob/${m[2]}/`
  }
  const safeBase = safeUrl(base)
  if (!safeBase) return null
  const path = file
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map(encodeURIComponent)
    .join('/')
  if (path === '') return null
  const anchor = line !== undefined && Number.isInteger(line) && line > 0 ? `#L${line}` : ''
  return `${safeBase.endsWith('/') ? safeBase : `${safeBase}/`}${path}${anchor}`
}

function steadyIcon(target: TextTarget, v: SteadyStateVerdict): string {
  if (target === 'text') return v
  if (target === 'slack')
    return v === 'passed' ? ':white_check_mark:' : v === 'failed' ? ':x:' : ':heavy_minus_sign:'
  return v === 'passed' ? '✅' : v === 'failed' ? '❌' : '➖'
}

/** A Mermaid `xychart-beta` block; labels are our own dates and numbers, never test output. */
function mermaidChart(points: readonly SeriesPoint[], unit: string, maxPoints = 30): string {
  const values = downsample(
    points.map((p) => p.value),
    maxPoints,
  )
  const stamps = downsample(
    points.map((p) => Date.parse(p.timestamp)),
    maxPoints,
  )
  const labels = stamps.map((t) =>
    Number.isFinite(t) ? `"${new Date(t).toISOString().slice(5, 10)}"` : '""',
  )
  const safeUnit = unit.replace(/[^\w %/.µ-]/g, '').slice(0, 20)
  const ys = values.map((v) => Number(v.toPrecision(4)))
  return [
    '```mermaid',
    'xychart-beta',
    `  x-axis [${labels.join(', ')}]`,
    `  y-axis "${safeUnit}"`,
    `  line [${ys.join(', ')}]`,
    '```',
  ].join('\n')
}

function headline(target: TextTarget, prepared: PreparedReport): { headline: string; advice: string } {
  const r = prepared.report
  const failed = r.tests.failed + r.tests.errored
  const chaosBroken = r.chaos.filter((c) => c.verdict === 'failed').length
  const parts: string[] = []
  // A missing or failed shard means the run is incomplete: said first, so a green rest is not read as safe.
  const shardsMissing = r.findings.filter((f) => f.kind === 'shard-missing').length
  const shardsFailed = r.findings.filter((f) => f.kind === 'shard-failed').length
  if (shardsMissing > 0) parts.push(`${plural(shardsMissing, 'shard')} missing`)
  if (shardsFailed > 0) parts.push(`${plural(shardsFailed, 'shard')} failed`)
  if (failed > 0)
    parts.push(
      `${plural(failed, 'test')} failed${r.tests.newFailures > 0 ? ` (${formatCount(r.tests.newFailures)} new)` : ''}`,
    )
  if (prepared.regressed > 0) parts.push(`${plural(prepared.regressed, 'metric')} regressed`)
  if (prepared.improved > 0) parts.push(`${formatCount(prepared.improved)} improved`)
  if (r.tests.flaky > 0) parts.push(plural(r.tests.flaky, 'flaky test'))
  if (chaosBroken > 0) parts.push(`${plural(chaosBroken, 'chaos experiment')} broken`)
  if (r.tests.fixed > 0) parts.push(plural(r.tests.fixed, 'fixed test'))
  if (parts.length === 0) {
    parts.push(`all ${plural(r.tests.passed, 'test')} passed`)
    const within = r.comparisons.filter((c) => c.verdict === 'unchanged').length
    const unjudged = r.comparisons.filter(
      (c) => c.verdict === 'new' || c.verdict === 'insufficient-history',
    ).length
    if (within > 0) parts.push(`${plural(within, 'metric')} within baseline`)
    if (unjudged > 0) parts.push(`${plural(unjudged, 'metric')} without enough history yet`)
  }
  let advice: string
  if (shardsMissing > 0)
    advice =
      'Results are incomplete: a shard uploaded no record (see Other findings); re-run its job before trusting this verdict.'
  else if (r.tests.newFailures > 0) advice = 'Fix the new test failures below before merging.'
  else if (failed > 0) advice = 'Some tests fail here and on the base branch too; see the failures below.'
  else if (prepared.regressed > 0)
    advice =
      'Check the regressions below: if the slowdown is expected, say so in the PR; otherwise look at the commits since the baseline.'
  else if (chaosBroken > 0) advice = 'A chaos experiment broke its steady state; see the chaos details.'
  else if (r.tests.flaky > 0)
    advice = 'No regressions; some tests are flaky and should be fixed or quarantined.'
  else if (r.historyRuns === 0)
    advice =
      'Tests and budgets passed; metrics get verdicts once the default branch has a few runs of history.'
  else advice = 'Safe to merge as far as tests and benchmarks can tell.'
  const sep = target === 'text' ? ', ' : ' · '
  return { headline: parts.join(sep), advice }
}

const VERDICT_LABEL: Record<Severity | 'pass', string> = {
  pass: 'Passed',
  info: 'Passed with notes',
  warning: 'Warnings',
  error: 'Failed',
  critical: 'Critical',
}

function pickLinks(links: ReportLinks): ReportView['links'] {
  return {
    run: safeUrl(links.run),
    commit: safeUrl(links.commit),
    history: safeUrl(links.history),
    fullReport: safeUrl(links.fullReport),
  }
}

/** Inputs of {@link buildView} besides the prepared report. */
export interface ViewOptions {
  readonly target: TextTarget
  readonly caps: ViewCaps
  readonly links: ReportLinks
  readonly id: string
  readonly marker: string
  /** Alerts never list unchanged metrics or fixed tests, so their absence is not worth a "not shown" line. */
  readonly alert?: boolean
}

function describeCut(singular: string, shown: number, total: number): string | null {
  const missing = total - shown
  return missing > 0 ? plural(missing, singular) : null
}

/** Builds the escaped view for one target and set of caps. */
export function buildView(prepared: PreparedReport, opts: ViewOptions): ReportView {
  const { target, caps } = opts
  const esc = ESCAPERS[target]
  const r = prepared.report
  const take = <T>(items: readonly T[], n: number): readonly T[] =>
    items.length > n ? items.slice(0, n) : items

  const changed = take(prepared.changed, caps.changed).map((c) => metricRow(target, esc, c, r.series[c.key]))
  const unchanged = take(prepared.unchanged, caps.unchanged).map((c) => metricRow(target, esc, c, undefined))
  const failures = take(prepared.failures, caps.failures).map((f): FailureView => {
    const loc = f.location
    const locText = loc ? esc.text(loc.line ? `${loc.file}:${loc.line}` : loc.file, 200) : ''
    return {
      title: esc.text(f.title),
      isNew: f.kind === 'test-new-failure',
      severity: f.severity,
      location: loc ? esc.link(locText, fileLink(opts.links, loc.file, loc.line)) : '',
      message: f.message && caps.messageLines > 0 ? esc.block(f.message, caps.messageLines) : '',
      hasMessage: Boolean(f.message) && caps.messageLines > 0,
      reason: esc.text(f.reason),
    }
  })
  const testRow = (f: Finding): TestRowView => ({
    title: esc.text(f.title),
    detail: esc.text(
      f.numbers?.flips !== undefined
        ? `${plural(f.numbers.flips, 'flip')}${f.numbers.flipRate !== undefined ? ` (${formatPercent(f.numbers.flipRate * 100).replace('+', '')})` : ''}`
        : f.reason,
    ),
    severity: f.severity,
  })
  const chaos = take(prepared.chaos, caps.chaos).map((c): ChaosRowView => ({
    experiment: esc.cell(c.experiment),
    fault: esc.cell(c.fault),
    before: steadyIcon(target, c.steadyState.before),
    during: steadyIcon(target, c.steadyState.during),
    after: steadyIcon(target, c.steadyState.after),
    errorRate: `${formatNumber1(c.errorRate * 100)} %`,
    p95: c.latencyMs ? formatValue(c.latencyMs.p95, 'ms') : '—',
    recovery: c.recoveryMs === null ? 'did not recover' : formatDuration(c.recoveryMs),
    verdict: c.verdict,
    icon: iconFor(target, c.verdict === 'failed' ? 'error' : 'pass'),
    notes: esc.cell((c.notes ?? []).join('; ')),
  }))
  const other = take(prepared.other, caps.other).map((f): FindingRowView => ({
    icon: iconFor(target, f.severity),
    severity: f.severity,
    kind: f.kind,
    title: esc.text(f.title),
    reason: esc.text(f.reason),
  }))
  const trendKeys = caps.charts === 'none' ? [] : take(prepared.regressedKeys, caps.trends)
  const trends = trendKeys.flatMap((key): TrendView[] => {
    const points = r.series[key]
    if (!points || points.length < 2) return []
    const comparison = prepared.changed.find((c) => c.key === key)
    const unit = comparison?.unit ?? ''
    const cps = (r.changepoints[key] ?? []).flatMap((i) => {
      const p = points[i]
      return p ? [`${p.timestamp.slice(0, 10)} (${esc.text(p.sha.slice(0, 7), 12)})`] : []
    })
    return [
      {
        metric: esc.text(key),
        points: points.length,
        sparkline: sparkline(
          points.map((p) => p.value),
          40,
        ),
        mermaid: target === 'markdown' && caps.charts === 'mermaid' ? mermaidChart(points, unit) : '',
        first: points[0]!.timestamp.slice(0, 10),
        last: points[points.length - 1]!.timestamp.slice(0, 10),
        changepoints: cps.join(', '),
      },
    ]
  })

  const drawable = prepared.regressedKeys.filter((k) => (r.series[k]?.length ?? 0) >= 2).length
  const cut = [
    describeCut('changed metric', changed.length, prepared.changed.length),
    describeCut('test failure', failures.length, prepared.failures.length),
    describeCut('flaky test', Math.min(prepared.flaky.length, caps.flaky), prepared.flaky.length),
    opts.alert
      ? null
      : describeCut('fixed test', Math.min(prepared.fixed.length, caps.fixed), prepared.fixed.length),
    opts.alert ? null : describeCut('unchanged metric', unchanged.length, prepared.unchanged.length),
    describeCut('chaos experiment', chaos.length, prepared.chaos.length),
    describeCut('other finding', other.length, prepared.other.length),
    describeCut('trend chart', trends.length, drawable),
  ].filter((s): s is string => s !== null)

  const { headline: head, advice } = headline(target, prepared)
  const chaosBroken = r.chaos.filter((c) => c.verdict === 'failed').length
  return {
    target,
    id: esc.text(opts.id, 100),
    marker: opts.marker,
    verdict: {
      severity: r.verdict,
      icon: iconFor(target, r.verdict),
      label: VERDICT_LABEL[r.verdict],
      headline: head,
      advice,
    },
    run: {
      repository: esc.text(r.run.repository, 140),
      branch: esc.text(r.run.branch, 200),
      sha: esc.text(r.run.sha, 64),
      shortSha: esc.text(r.run.sha.slice(0, 7), 7),
      event: esc.text(r.run.event, 40),
      prNumber: r.run.prNumber,
      runner: esc.text(
        [r.run.runner.os, r.run.runner.arch, r.run.runner.cpuModel, `${r.run.runner.cores} cores`].join(
          ' · ',
        ),
        200,
      ),
      timestamp: esc.text(r.run.timestamp, 40),
    },
    links: pickLinks(opts.links),
    counts: {
      tests: r.tests.tests,
      passed: r.tests.passed,
      failed: r.tests.failed + r.tests.errored,
      skipped: r.tests.skipped,
      newFailures: r.tests.newFailures,
      fixed: r.tests.fixed,
      flaky: r.tests.flaky,
      regressed: prepared.regressed,
      improved: prepared.improved,
      unchanged: r.comparisons.length - prepared.regressed - prepared.improved,
      metrics: r.comparisons.length,
      chaos: r.chaos.length,
      chaosBroken,
      findings: r.findings.length,
    },
    firstRun: r.historyRuns === 0,
    historyRuns: r.historyRuns,
    changed,
    unchanged,
    failures,
    flaky: take(prepared.flaky, caps.flaky).map(testRow),
    fixed: take(prepared.fixed, caps.fixed).map(testRow),
    chaos,
    other,
    trends,
    rules: {
      window: r.rules.window,
      minSamples: r.rules.minSamples,
      minEffect: formatPercent(r.rules.minEffectPct).replace('+', ''),
      warnZ: r.rules.warnZ,
      failZ: r.rules.failZ,
      fdrQ: r.rules.fdrQ,
      retentionDays: r.rules.retentionDays,
    },
    cut,
    hasCut: cut.length > 0,
    charts: caps.charts,
  }
}

function formatNumber1(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1)
}
