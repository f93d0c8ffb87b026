/**
 * Test-level findings: new failures, still failing, fixed, new and removed tests, flaky tests (pass and fail
 * on one commit, or a flip rate over history), slowest tests and tests that slowed down.
 */
import type { AnalysisConfig } from '../../config/sections/analysis.js'
import type { Finding } from '../../model/finding.js'
import type { RunRecord } from '../../model/run-record.js'
import type { Severity } from '../../model/severity.js'
import type { TestCase, TestStatus } from '../../model/test-case.js'
import {
  SNAPSHOT_TEST_STATUSES,
  snapshotTestColumns,
  type SnapshotTestColumns,
} from '../../history/snapshot-codec.js'
import { findingId } from '../input.js'
import { findOverride } from '../metrics/metric-rules.js'
import { medianOf } from '../stats/robust.js'

type Outcome = 'pass' | 'fail' | 'skip'

function outcome(s: TestStatus): Outcome {
  if (s === 'passed' || s === 'flaky') return 'pass'
  if (s === 'failed' || s === 'errored') return 'fail'
  return 'skip'
}

/** One test's baseline history, oldest first. */
interface TestHistory {
  /** How many baseline runs passed or failed it (skips left out), how often that flipped, and the last one. */
  runs: number
  flips: number
  lastRun?: Outcome
  readonly durations: number[]
  /** Status in the latest baseline run that listed the test. */
  lastStatus?: TestStatus
}

/** A slow test, for the report's "slowest tests" list. */
export interface SlowTest {
  readonly id: string
  readonly stage: TestCase['stage']
  readonly durationMs: number
}

/** Result of {@link analyzeTests}. */
export interface TestAnalysis {
  readonly findings: Finding[]
  readonly slowest: SlowTest[]
  readonly flaky: number
  readonly newFailures: number
  readonly fixed: number
}

function addOutcome(h: TestHistory, o: Outcome): void {
  if (h.lastRun !== undefined && h.lastRun !== o) h.flips++
  h.lastRun = o
  h.runs++
}

function testFinding(
  kind: Finding['kind'],
  severity: Severity,
  t: TestCase,
  title: string,
  reason: string,
  extra: Partial<Finding> = {},
): Finding {
  return {
    id: findingId(kind, t.id),
    kind,
    severity,
    title,
    reason,
    subject: { type: 'test', key: t.id, stage: t.stage },
    ...(t.file ? { location: { file: t.file, ...(t.line ? { line: t.line } : {}) } } : {}),
    ...extra,
  }
}

/**
 * Compares the tests of `current` with the baseline runs (oldest first) and the PR's earlier runs.
 * A test is removed only when its stage ran in the current run, so a skipped stage does not remove every test.
 */
export function analyzeTests(
  current: RunRecord,
  baseline: readonly RunRecord[],
  prRuns: readonly RunRecord[],
  config: AnalysisConfig,
  now: Date,
): TestAnalysis {
  const rules = config.tests
  const findings: Finding[] = []
  // History of each test id, oldest first: outcomes and durations from baseline runs.
  // (Per-commit outcomes live in `sameCommit` below, for the current commit only: a per-test, per-commit map
  // of sets here cost ~1 million Sets for 90 runs x 10,000 tests and most of the analysis time in GC.)
  const history = new Map<string, TestHistory>()
  const touch = (id: string) => {
    let h = history.get(id)
    if (h === undefined) {
      h = { runs: 0, flips: 0, durations: [] }
      history.set(id, h)
    }
    return h
  }
  // Runs list their tests in the same order almost always: reuse the previous run's entry at the same
  // position when the id matches, instead of a map lookup for each of e.g. 90 x 10,000 tests.
  let previousTests: readonly TestCase[] = []
  let previousEntries: TestHistory[] = []
  // Records decoded from the snapshot are read from its columns: materialising their TestCase objects (about
  // 900,000 for 90 runs x 10,000 tests) was most of this function's time and garbage. Per snapshot, one
  // history entry per test definition, so the id is looked up once per definition, not per run.
  const entriesByDefs = new Map<SnapshotTestColumns['defs'], (TestHistory | undefined)[]>()
  for (const run of baseline) {
    const columns = snapshotTestColumns(run)
    if (columns !== undefined) {
      let byDef = entriesByDefs.get(columns.defs)
      if (byDef === undefined) {
        byDef = new Array<TestHistory | undefined>(columns.defs.length)
        entriesByDefs.set(columns.defs, byDef)
      }
      for (let k = 0; k < columns.count; k++) {
        const d = columns.def[k] as number
        const h = (byDef[d] ??= touch((columns.defs[d] as readonly [string, ...string[]])[0]))
        const status = SNAPSHOT_TEST_STATUSES[columns.status[k] as number] as TestStatus
        const o = outcome(status)
        if (o !== 'skip') addOutcome(h, o)
        const durationMs = columns.durationMs[k] as number
        // NaN stands for a null duration; like null it is not finite.
        if (Number.isFinite(durationMs) && o === 'pass') h.durations.push(durationMs)
        h.lastStatus = status
      }
      previousTests = []
      previousEntries = []
      continue
    }
    const tests = run.tests
    const entries: TestHistory[] = new Array<TestHistory>(tests.length)
    for (let k = 0; k < tests.length; k++) {
      const t = tests[k] as TestCase
      const h = previousTests[k]?.id === t.id ? (previousEntries[k] as TestHistory) : touch(t.id)
      entries[k] = h
      const o = outcome(t.status)
      if (o !== 'skip') addOutcome(h, o)
      if (t.durationMs !== null && Number.isFinite(t.durationMs) && o === 'pass')
        h.durations.push(t.durationMs)
      h.lastStatus = t.status
    }
    previousTests = tests
    previousEntries = entries
  }
  const sameCommit = new Map<string, Set<Outcome>>()
  for (const run of [...baseline, ...prRuns]) {
    if (run.run.sha !== current.run.sha || run.run.runId === current.run.runId) continue
    for (const t of run.tests) {
      let s = sameCommit.get(t.id)
      if (s === undefined) sameCommit.set(t.id, (s = new Set()))
      s.add(outcome(t.status))
    }
  }

  let flaky = 0
  let newFailures = 0
  let fixed = 0
  const seen = new Set<string>()
  for (const t of current.tests) {
    seen.add(t.id)
    const override = findOverride(config.overrides, t.id, now)
    if (override?.ignore === true) continue
    const quarantined = override?.quarantine === true
    const cap = (s: Severity): Severity => (quarantined ? 'info' : s)
    const badges = quarantined ? (['quarantined'] as const) : undefined
    const h = history.get(t.id)
    const o = outcome(t.status)
    const lastOutcome = h?.lastStatus === undefined ? undefined : outcome(h.lastStatus)

    // Flaky: failed and passed within this run (retries), on this commit across runs, or flipping over history.
    const attempts = t.attempts ?? []
    const mixedAttempts =
      t.status === 'flaky' ||
      (attempts.some((a) => outcome(a) === 'fail') && attempts.some((a) => outcome(a) === 'pass'))
    const commitOutcomes = new Set([...(sameCommit.get(t.id) ?? []), o])
    const mixedCommit = commitOutcomes.has('pass') && commitOutcomes.has('fail')
    // The pass/fail sequence over history plus this run (skips left out), as counts.
    const seqLength = (h?.runs ?? 0) + (o === 'skip' ? 0 : 1)
    const flips = (h?.flips ?? 0) + (o !== 'skip' && h?.lastRun !== undefined && h.lastRun !== o ? 1 : 0)
    const flipRate = seqLength > 1 ? flips / (seqLength - 1) : 0
    const flipRule = flips >= rules['min-flips'] && flipRate > rules['flip-rate']
    if (mixedAttempts || mixedCommit || flipRule) {
      flaky++
      const why = mixedAttempts
        ? 'failed and passed on retries within this run'
        : mixedCommit
          ? `passed and failed on commit ${current.run.sha.slice(0, 12)}`
          : `flip rate ${(flipRate * 100).toFixed(0)} % > ${(rules['flip-rate'] * 100).toFixed(0)} % over ${seqLength} runs`
      findings.push(
        testFinding('test-flaky', cap('warning'), t, `Flaky test: ${t.name}`, why, {
          numbers: { flips, flipRate, n: seqLength },
          ...(badges ? { badges } : {}),
        }),
      )
      if (mixedAttempts) continue
    }

    if (o === 'fail') {
      if (h === undefined || lastOutcome === 'pass' || lastOutcome === 'skip' || lastOutcome === undefined) {
        newFailures++
        const reason =
          h === undefined ? 'new test that fails' : 'fails now, passed in the latest baseline run'
        findings.push(
          testFinding('test-new-failure', cap('error'), t, `New failure: ${t.name}`, reason, {
            ...(t.message ? { message: t.message } : {}),
            ...(badges ? { badges } : {}),
          }),
        )
      } else {
        findings.push(
          testFinding(
            'test-still-failing',
            cap('warning'),
            t,
            `Still failing: ${t.name}`,
            'failed in the latest baseline run too',
            {
              ...(t.message ? { message: t.message } : {}),
              ...(badges ? { badges } : {}),
            },
          ),
        )
      }
    } else if (o === 'pass' && lastOutcome === 'fail') {
      fixed++
      findings.push(
        testFinding(
          'test-fixed',
          'info',
          t,
          `Fixed: ${t.name}`,
          'passes now, failed in the latest baseline run',
        ),
      )
    }
    if (h === undefined && baseline.length > 0) {
      findings.push(testFinding('test-new', 'info', t, `New test: ${t.name}`, 'not in any baseline run'))
    }

    // Slowed down: the duration rule (relative and absolute) against the median of passing baseline runs.
    // A test no longer than slow-min-ms cannot have slowed by slow-min-ms against a positive median, so the
    // median (a sort per test, 10,000 per run) is skipped for it.
    if (
      h !== undefined &&
      o === 'pass' &&
      t.durationMs !== null &&
      h.durations.length >= 3 &&
      !(t.durationMs <= rules['slow-min-ms'])
    ) {
      const base = medianOf(h.durations.slice(-config.window))
      const delta = t.durationMs - base
      if (base > 0 && (delta / base) * 100 >= rules['slow-pct'] && delta >= rules['slow-min-ms']) {
        findings.push(
          testFinding(
            'test-slowed',
            cap(h.durations.length >= config['min-samples'] ? 'warning' : 'info'),
            t,
            `Slower test: ${t.name}`,
            `+${((delta / base) * 100).toFixed(1)} % ≥ ${rules['slow-pct']} % and +${Math.round(delta)} ms ≥ ${rules['slow-min-ms']} ms`,
            {
              numbers: {
                durationMs: t.durationMs,
                baselineDurationMs: base,
                n: h.durations.length,
                deltaPct: (delta / base) * 100,
              },
              ...(badges ? { badges } : {}),
            },
          ),
        )
      }
    }
  }

  // Removed: in the latest baseline run that ran the stage, missing now although the stage ran now.
  const ranStages = new Set(current.stages.filter((s) => s.status !== 'skipped').map((s) => s.name))
  for (const t of current.tests) ranStages.add(t.stage)
  const latest = baseline[baseline.length - 1]
  if (latest !== undefined) {
    for (const t of latest.tests) {
      if (seen.has(t.id) || !ranStages.has(t.stage)) continue
      findings.push(
        testFinding(
          'test-removed',
          'info',
          t,
          `Removed test: ${t.name}`,
          'in the latest baseline run, not in this run',
        ),
      )
    }
  }

  const slowest = current.tests
    .filter(
      (t): t is TestCase & { durationMs: number } => t.durationMs !== null && Number.isFinite(t.durationMs),
    )
    .sort((a, b) => b.durationMs - a.durationMs || a.id.localeCompare(b.id))
    .slice(0, rules.slowest)
    .map((t) => ({ id: t.id, stage: t.stage, durationMs: t.durationMs }))
  return { findings, slowest, flaky, newFailures, fixed }
}
