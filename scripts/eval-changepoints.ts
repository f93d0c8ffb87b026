/**
 * `npm run eval`: evaluates Gauntlet's change-point detection and false-alarm rate.
 *
 * 1. TCPDBench metric test vectors (F1 with margin 5, cover) must all pass.
 * 2. TCPD series: F1 and cover per series and on average, next to the published "zero" (no change) method;
 *    target: mean F1 ≥ zero + 0.10. Printed for the analysis defaults and for a profile tuned on these series.
 * 3. Otava's TigerBeetle expectations (10 parameter sets), its inline series and sample.csv, and MongoDB's
 *    long_series change-point count must reproduce.
 * 4. A/A: 1,000 stationary series × 60 runs of realistic CI noise through `analyze()`; targets ≤ 1 false
 *    warning per 1,000 metric-runs and no false error.
 * The corpus is read in place from $GAUNTLET_CORPUS (default ../shared/corpus); without it parts 1–3 say so
 * and only the hand vectors and the A/A part run. Exit code 1 when any check or target fails.
 * Options: --aa-series N (default 1000), --skip-aa.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { detectChangePoints, OTAVA_DEFAULTS } from '../src/analysis/changepoints/e-divisive.js'
import {
  detectSustainedShifts,
  type SustainedShiftOptions,
} from '../src/analysis/changepoints/sustained-shifts.js'
import { runAaEvaluation } from '../src/analysis/evaluation/aa-simulation.js'
import { scoreTcpdSeries, type TcpdSeries } from '../src/analysis/evaluation/tcpd-eval.js'
import {
  coverSingle,
  covering,
  fMeasure,
  overlapJaccard,
  partitionFromCps,
  truePositives,
} from '../src/analysis/evaluation/tcpd-metrics.js'
import { analysisSection } from '../src/config/sections/analysis.js'

const CORPUS_ENV = 'GAUNTLET_CORPUS'
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const failures: string[] = []

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const close = (a: number, b: number) => Math.abs(a - b) < 1e-9
const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)

function metricVectors(dir: string): void {
  type V = Record<string, { [k: string]: unknown; expected: unknown }[]>
  const v = readJson<V>(join(dir, 'metric_doctest_vectors.json'))
  let pass = 0
  let total = 0
  const check = (ok: boolean, what: string) => {
    total++
    if (ok) pass++
    else failures.push(`TCPDBench vector ${what}`)
  }
  for (const c of v.true_positives ?? [])
    check(
      same(sorted(truePositives(c.T as number[], c.X as number[])), sorted(c.expected as number[])),
      'true_positives',
    )
  for (const c of v.f_measure ?? [])
    check(
      close(
        fMeasure(c.annotations as Record<string, number[]>, c.predictions as number[]).f1,
        c.expected as number,
      ),
      'f_measure',
    )
  for (const c of v.overlap_jaccard ?? [])
    check(close(overlapJaccard(c.A as number[], c.B as number[]), c.expected as number), 'overlap_jaccard')
  for (const c of v.partition_from_cps ?? [])
    check(
      same(partitionFromCps(c.locations as number[], c.n_obs as number), c.expected),
      'partition_from_cps',
    )
  for (const c of v.cover_single ?? [])
    check(close(coverSingle(c.Sprime as number[][], c.S as number[][]), c.expected as number), 'cover_single')
  for (const c of v.covering ?? [])
    check(
      close(
        covering(c.annotations as Record<string, number[]>, c.predictions as number[], c.n_obs as number),
        c.expected as number,
      ),
      'covering',
    )
  console.log(`TCPDBench metric test vectors: ${pass}/${total} pass`)
}

function tcpd(root: string): void {
  const dir = join(root, 'changepoints', 'tcpd')
  const annotations = readJson<Record<string, Record<string, number[]>>>(join(dir, 'annotations.json'))
  const zero = readJson<{ datasets: Record<string, { f1: number; cover: number }> }>(
    join(root, 'changepoints', 'tcpdbench-metrics', 'zero_method_scores.json'),
  ).datasets
  const cfg = analysisSection.parse(undefined)
  const profiles: { name: string; options: SustainedShiftOptions }[] = [
    {
      name: `analysis defaults (window ${cfg.changepoints.window}, p ${cfg.changepoints['p-value']}, min magnitude ${cfg['min-effect']} %, min segment ${cfg.changepoints['min-segment']})`,
      options: {
        windowLen: cfg.changepoints.window,
        maxPValue: cfg.changepoints['p-value'],
        minMagnitude: cfg['min-effect'] / 100,
        minSegment: cfg.changepoints['min-segment'],
      },
    },
    {
      name: 'profile tuned on these 16 series (window 30, p 0.0001, min magnitude 0, min segment 2)',
      options: { windowLen: 30, maxPValue: 0.0001, minMagnitude: 0, minSegment: 2 },
    },
    {
      name: 'Apache Otava alone at its defaults (window 50, p 0.001, magnitude 0)',
      options: OTAVA_DEFAULTS,
    },
  ]
  for (const [k, profile] of profiles.entries()) {
    const detect =
      k === 2
        ? (v: readonly (number | null)[]) => detectChangePoints(v, profile.options).map((c) => c.index)
        : (v: readonly (number | null)[]) => detectSustainedShifts(v, profile.options).map((s) => s.index)
    console.log(`\nTCPD, ${profile.name}:`)
    console.log(
      `  ${'series'.padEnd(18)} ${'F1'.padStart(6)} ${'zero'.padStart(6)} ${'cover'.padStart(6)} ${'zero'.padStart(6)}  predicted`,
    )
    let f1 = 0
    let cover = 0
    let zf1 = 0
    let zcover = 0
    let n = 0
    for (const name of Object.keys(annotations).sort()) {
      const file = join(dir, 'series', `${name}.json`)
      if (!existsSync(file)) continue
      const s = scoreTcpdSeries(readJson<TcpdSeries>(file), annotations[name]!, detect)
      const z = zero[name]
      f1 += s.f1
      cover += s.cover
      zf1 += z?.f1 ?? Number.NaN
      zcover += z?.cover ?? Number.NaN
      n++
      console.log(
        `  ${name.padEnd(18)} ${s.f1.toFixed(3).padStart(6)} ${(z?.f1 ?? Number.NaN).toFixed(3).padStart(6)} ${s.cover.toFixed(3).padStart(6)} ${(z?.cover ?? Number.NaN).toFixed(3).padStart(6)}  [${s.predicted.join(', ')}]`,
      )
    }
    const meanF1 = f1 / n
    const target = zf1 / n + 0.1
    console.log(
      `  ${'MEAN'.padEnd(18)} ${meanF1.toFixed(3).padStart(6)} ${(zf1 / n).toFixed(3).padStart(6)} ${(cover / n).toFixed(3).padStart(6)} ${(zcover / n).toFixed(3).padStart(6)}  (${n} series)`,
    )
    const ok = meanF1 >= target
    console.log(
      `  target mean F1 ≥ zero + 0.10 = ${target.toFixed(3)}: ${ok ? 'MET' : 'MISSED'} (${(meanF1 - zf1 / n >= 0 ? '+' : '') + (meanF1 - zf1 / n).toFixed(3)} over zero)`,
    )
    if (!ok && k < 2) failures.push(`TCPD F1 target missed with the ${profile.name}`)
  }
}

function otava(root: string): void {
  const dir = join(root, 'changepoints', 'perf-history', 'otava')
  type Tb = {
    series: number[]
    expectations: {
      test: string
      params: { window_len: number; max_pvalue: number; min_magnitude: number }
      expected_change_point_indexes: number[]
    }[]
  }
  const tb = readJson<Tb>(join(dir, 'tigerbeetle_series.json'))
  console.log('\nOtava reproduction (apache/otava tests, algorithm re-implemented):')
  for (const e of tb.expectations) {
    const got = detectChangePoints(tb.series, {
      windowLen: e.params.window_len,
      maxPValue: e.params.max_pvalue,
      minMagnitude: e.params.min_magnitude,
    }).map((c) => c.index)
    const ok = same(got, e.expected_change_point_indexes)
    if (!ok) failures.push(`Otava ${e.test}`)
    console.log(
      `  ${e.test.padEnd(26)} ${ok ? 'OK  ' : 'FAIL'} ${ok ? `[${got.join(', ')}]` : `got [${got.join(', ')}] expected [${e.expected_change_point_indexes.join(', ')}]`}`,
    )
  }
  type Ex = {
    cases: {
      inline_series?: number[]
      params?: { window_len: number; max_pvalue: number }
      expected_change_point_indexes?: number[]
    }[]
  }
  for (const c of readJson<Ex>(join(dir, 'expected.json')).cases) {
    if (c.inline_series === undefined || c.params === undefined) continue
    const got = detectChangePoints(c.inline_series, {
      windowLen: c.params.window_len,
      maxPValue: c.params.max_pvalue,
      minMagnitude: 0,
    }).map((x) => x.index)
    const ok = same(got, c.expected_change_point_indexes)
    if (!ok) failures.push('Otava inline series')
    console.log(`  ${'inline 20-point series'.padEnd(26)} ${ok ? 'OK  ' : 'FAIL'} [${got.join(', ')}]`)
  }
  const rows = readFileSync(join(dir, 'sample.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
  const m1 = rows.map((r) => Number(r[2]))
  const m2 = rows.map((r) => Number(r[3]))
  const c1 = detectChangePoints(m1, OTAVA_DEFAULTS)
  const c2 = detectChangePoints(m2, OTAVA_DEFAULTS)
  const okCsv =
    c1.length === 0 &&
    same(
      c2.map((c) => c.index),
      [6],
    ) &&
    Math.abs(c2[0]!.stats.forwardChange * 100 - -12.9) < 0.05
  if (!okCsv) failures.push('Otava sample.csv')
  console.log(
    `  ${'sample.csv (defaults)'.padEnd(26)} ${okCsv ? 'OK  ' : 'FAIL'} metric1 [${c1.map((c) => c.index).join(', ')}], metric2 [${c2.map((c) => c.index).join(', ')}] ${c2[0] ? `${(c2[0].stats.forwardChange * 100).toFixed(1)} % (commit ${rows[c2[0].index]![1]})` : ''}`,
  )

  const long = readJson<number[]>(
    join(root, 'changepoints', 'perf-history', 'mongodb-signal-processing-algorithms', 'long_series.json'),
  )
  const cfg = analysisSection.parse(undefined)
  const otavaCps = detectChangePoints(long, OTAVA_DEFAULTS).map((c) => c.index)
  const gauntletCps = detectSustainedShifts(long, {
    windowLen: cfg.changepoints.window,
    maxPValue: cfg.changepoints['p-value'],
    minMagnitude: cfg['min-effect'] / 100,
    minSegment: cfg.changepoints['min-segment'],
  }).map((s) => s.index)
  const okMongo = otavaCps.length === 4 && gauntletCps.length === 4
  if (!okMongo) failures.push('MongoDB long_series count')
  console.log(
    `\nMongoDB long_series.json (expected 4 change points): Otava defaults → ${otavaCps.length} [${otavaCps.join(', ')}]; Gauntlet defaults → ${gauntletCps.length} [${gauntletCps.join(', ')}] ${okMongo ? 'OK' : 'FAIL'}`,
  )
}

function aa(series: number): void {
  const cfg = analysisSection.parse(undefined)
  const t0 = performance.now()
  const r = runAaEvaluation(cfg, series, 60, 1729)
  const perK = (x: number) => ((x * 1000) / r.metricRuns).toFixed(2)
  console.log(
    `\nA/A (stationary noise, ${r.series} series × 60 runs, seed 1729, analysis defaults, ${((performance.now() - t0) / 1000).toFixed(1)} s):`,
  )
  for (const [kind, k] of Object.entries(r.byKind)) {
    console.log(
      `  ${kind.padEnd(14)} ${k.metricRuns} metric-runs: ${k.falseWarnings} false warning(s) (${((k.falseWarnings * 1000) / k.metricRuns).toFixed(2)}/1000), ${k.falseErrors} false error(s)`,
    )
  }
  const okW = (r.falseWarnings * 1000) / r.metricRuns <= 1
  const okE = r.falseErrors === 0
  console.log(
    `  overall: ${r.metricRuns} metric-runs, ${r.falseWarnings} false warning(s) = ${perK(r.falseWarnings)} per 1,000 (target ≤ 1: ${okW ? 'MET' : 'MISSED'}), ${r.falseErrors} false error(s) (target 0: ${okE ? 'MET' : 'MISSED'}); warnings by finding kind ${JSON.stringify(r.byFindingKind)}`,
  )
  if (!okW) failures.push('A/A false-warning rate')
  if (!okE) failures.push('A/A false errors')
}

function main(): number {
  const { values } = parseArgs({
    options: {
      'aa-series': { type: 'string', default: '1000' },
      'skip-aa': { type: 'boolean', default: false },
    },
  })
  const root = resolve(process.env[CORPUS_ENV] ?? join(projectRoot, '..', 'shared', 'corpus'))
  if (existsSync(join(root, 'changepoints'))) {
    metricVectors(join(root, 'changepoints', 'tcpdbench-metrics'))
    tcpd(root)
    otava(root)
  } else {
    console.log(`corpus not found at ${root} (set ${CORPUS_ENV}); TCPD, Otava and MongoDB parts skipped`)
  }
  if (!values['skip-aa']) aa(Number(values['aa-series']))
  console.log(failures.length === 0 ? '\nall checks and targets met' : `\nmissed: ${failures.join('; ')}`)
  return failures.length === 0 ? 0 : 1
}

process.exitCode = main()
