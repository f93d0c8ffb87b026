/**
 * A/A evaluation: stationary series drawn from realistic CI noise (log-normal, bimodal runner mixes,
 * occasional spikes), analysed run by run exactly as the pipeline would, counting the findings that would
 * be false alarms. Seeded (mulberry32), so every run of the evaluation sees the same series.
 */
import type { AnalysisConfig } from '../../config/sections/analysis.js'
import type { Metric } from '../../model/metric.js'
import type { RunRecord } from '../../model/run-record.js'
import { severityRank } from '../../model/severity.js'
import { analyze } from '../analyze.js'

/** A small, fast, seedable PRNG (mulberry32); returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12)
  const v = rand()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

export type NoiseKind = 'log-normal' | 'bimodal' | 'spiky' | 'bimodal-spiky'
export const NOISE_KINDS: readonly NoiseKind[] = ['log-normal', 'bimodal', 'spiky', 'bimodal-spiky']

/** One stationary series of `length` values with the given noise kind. */
export function stationarySeries(kind: NoiseKind, length: number, rand: () => number): number[] {
  const base = 10 ** (1 + 3 * rand())
  const sigma = 0.02 + 0.06 * rand()
  const modeRatio = 1.05 + 0.15 * rand()
  const minorShare = 0.1 + 0.4 * rand()
  const spikeP = 0.01 + 0.03 * rand()
  const out: number[] = []
  for (let i = 0; i < length; i++) {
    let v = base * Math.exp(sigma * gaussian(rand))
    if ((kind === 'bimodal' || kind === 'bimodal-spiky') && rand() < minorShare) v *= modeRatio
    if ((kind === 'spiky' || kind === 'bimodal-spiky') && rand() < spikeP) v *= 1.2 + 1.3 * rand()
    out.push(v)
  }
  return out
}

/** Counts of an A/A evaluation. */
export interface AaResult {
  readonly series: number
  readonly metricRuns: number
  readonly falseWarnings: number
  readonly falseErrors: number
  readonly byKind: Record<string, { metricRuns: number; falseWarnings: number; falseErrors: number }>
  readonly byFindingKind: Record<string, number>
}

function record(i: number, value: number, day0: number): RunRecord {
  const metric: Metric = {
    key: 'benchmark/aa/op/time',
    stage: 'benchmark',
    suite: 'aa',
    name: 'op',
    measure: 'time',
    unit: 'ms',
    direction: 'lower',
    value,
    samples: [value],
  }
  return {
    schema: 1,
    run: {
      repository: 'o/r',
      headRepository: 'o/r',
      sha: `sha${i.toString().padStart(6, '0')}`,
      ref: 'refs/heads/main',
      branch: 'main',
      event: 'push',
      prNumber: null,
      baseBranch: null,
      runId: i + 1,
      attempt: 1,
      timestamp: new Date(day0 + i * 86_400_000).toISOString(),
      runner: { os: 'Linux', arch: 'X64', cpuModel: 'cpu', cores: 2 },
    },
    stages: [],
    tests: [],
    metrics: [metric],
    chaos: [],
  }
}

/**
 * Analyses `seriesCount` stationary series of `length` runs each; every run after the first is one
 * metric-run. Findings at `warning` or above are false warnings, at `error` or above false errors.
 */
export function runAaEvaluation(
  config: AnalysisConfig,
  seriesCount: number,
  length: number,
  seed: number,
): AaResult {
  const rand = mulberry32(seed)
  const day0 = Date.UTC(2026, 0, 1)
  const byKind: AaResult['byKind'] = {}
  const byFindingKind: Record<string, number> = {}
  let metricRuns = 0
  let falseWarnings = 0
  let falseErrors = 0
  for (let s = 0; s < seriesCount; s++) {
    const kind = NOISE_KINDS[s % NOISE_KINDS.length]!
    const k = (byKind[kind] ??= { metricRuns: 0, falseWarnings: 0, falseErrors: 0 })
    const values = stationarySeries(kind, length, rand)
    const runs = values.map((v, i) => record(i, v, day0))
    for (let i = 1; i < runs.length; i++) {
      const report = analyze({
        current: runs[i]!,
        baseline: runs.slice(0, i),
        config,
        now: new Date(day0 + i * 86_400_000 + 3_600_000),
        retentionDays: 90,
        isPullRequest: false,
      })
      metricRuns++
      k.metricRuns++
      let warn = false
      let err = false
      for (const f of report.findings) {
        if (severityRank(f.severity) >= severityRank('warning')) {
          warn = true
          byFindingKind[f.kind] = (byFindingKind[f.kind] ?? 0) + 1
        }
        if (severityRank(f.severity) >= severityRank('error')) err = true
      }
      if (warn) {
        falseWarnings++
        k.falseWarnings++
      }
      if (err) {
        falseErrors++
        k.falseErrors++
      }
    }
  }
  return { series: seriesCount, metricRuns, falseWarnings, falseErrors, byKind, byFindingKind }
}
