import { z } from 'zod'

const budgetObject = z
  .object({
    metric: z
      .string()
      .min(1)
      .describe(
        'Metric key glob (picomatch, e.g. `benchmark/kv/*/p95`) or key suffix (e.g. `p95_latency_ms`, `error_rate`). Chaos results appear as `chaos/<experiment>/error_rate`, `…/p50_latency_ms`, `…/p95_latency_ms`, `…/p99_latency_ms`, `…/recovery_ms`.',
      ),
    max: z.number().optional().describe('The value must stay at or below this (inclusive).'),
    min: z.number().optional().describe('The value must stay at or above this (inclusive).'),
  })
  .strict()

const override = z
  .object({
    metric: z
      .string()
      .min(1)
      .describe('Metric key glob or suffix this override applies to (also matches test ids).'),
    'min-effect': z
      .number()
      .min(0)
      .optional()
      .describe('Minimum practical effect in percent for these metrics.'),
    direction: z
      .enum(['lower', 'higher', 'none'])
      .optional()
      .describe('Which way is worse; `none` = any change is worse.'),
    'warn-z': z.number().positive().optional(),
    'fail-z': z.number().positive().optional(),
    critical: z
      .boolean()
      .optional()
      .describe('Tag as critical (SLO): a confirmed regression on the default branch pages.'),
    ignore: z.boolean().optional().describe('Drop findings for these metrics entirely (reason required).'),
    quarantine: z
      .boolean()
      .optional()
      .describe('Keep findings but cap them at `info` with a `quarantined` badge (reason required).'),
    reason: z.string().optional().describe('Why; shown next to the finding.'),
    expires: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}/, 'expected an ISO date such as 2026-12-31')
      .optional()
      .describe('ISO date after which ignore/quarantine stops applying.'),
  })
  .strict()
  .refine(
    (o) => !(o.ignore === true || o.quarantine === true) || (o.reason !== undefined && o.reason.length > 0),
    {
      message: 'ignore/quarantine needs a `reason`',
    },
  )

/** Analysis settings (issue 4); defaults and their reasons: shared/research/benchmarking.md §3. */
export const analysisSection = z
  .object({
    window: z
      .number()
      .int()
      .min(2)
      .max(64)
      .default(30)
      .describe('Most recent trusted baseline runs per metric.'),
    'min-samples': z
      .number()
      .int()
      .min(1)
      .default(5)
      .describe(
        'Baseline points needed for a statistical verdict, and same-runner points needed to prefer the same runner fingerprint.',
      ),
    'gate-samples': z
      .number()
      .int()
      .min(1)
      .default(10)
      .describe('Baseline points needed before a finding may be `error` or `critical`.'),
    'min-effect': z
      .number()
      .min(0)
      .default(5)
      .describe('Minimum practical effect in percent (all unit classes).'),
    'hosted-wall-clock-min-effect': z
      .number()
      .min(0)
      .default(10)
      .describe(
        'Minimum effect in percent for wall-clock/throughput metrics measured on GitHub-hosted runners.',
      ),
    'count-min-effect': z
      .number()
      .min(0)
      .default(3)
      .describe('Minimum effect in percent for instruction/allocation counts.'),
    'warn-z': z.number().positive().default(3.5).describe('Robust z at which a change becomes a warning.'),
    'fail-z': z
      .number()
      .positive()
      .default(5)
      .describe('Robust z at which a confirmed change becomes an error.'),
    'fdr-q': z
      .number()
      .gt(0)
      .lt(1)
      .default(0.05)
      .describe('Benjamini–Hochberg false-discovery rate across the metrics of a run.'),
    'spread-floor': z
      .number()
      .min(0)
      .default(1)
      .describe('Relative floor of the robust spread, in percent of the baseline median.'),
    'noisy-cv': z
      .number()
      .min(0)
      .default(25)
      .describe('Coefficient of variation (percent) above which a metric is `noisy` (advisory only).'),
    changepoints: z
      .object({
        enabled: z.boolean().default(true),
        'p-value': z
          .number()
          .gt(0)
          .lt(1)
          .default(0.001)
          .describe('Significance of a change point (Otava `--p-value`).'),
        // 50, Otava's default, not the 30 our research first suggested for ~90-point series: with the trend-aware
        // null a wider window no longer cuts slopes into steps, and `npm run eval` measured TCPD mean F1 0.777
        // (window 50) vs 0.757 (window 30); leave-one-out picks window 50 on 16 of 16 folds; A/A 0.75 vs 0.63
        // false warnings per 1,000 metric-runs, both under the 1 target.
        window: z
          .number()
          .int()
          .min(4)
          .max(200)
          .default(50)
          .describe('Split-step window (Otava `--window`).'),
        'min-magnitude': z
          .number()
          .min(0)
          .optional()
          .describe('Minimum relative magnitude in percent; defaults to `min-effect`.'),
        'min-segment': z
          .number()
          .int()
          .min(1)
          .default(3)
          .describe('Shortest regime counted as a sustained shift.'),
        wandering: z
          .boolean()
          .default(true)
          .describe(
            'On a series that wanders (a random walk, or a size or counter that drifts), where a level test cannot see shifts, also report jumps (one run-to-run step far outside the usual ones) and changes of slope. false: level shifts only.',
          ),
      })
      .strict()
      .default({ enabled: true, 'p-value': 0.001, window: 50, 'min-segment': 3, wandering: true }),
    trends: z
      .object({
        'leak-mb-per-hour': z
          .number()
          .min(0)
          .default(10)
          .describe('Memory growth per hour above which a leak is reported.'),
        'horizon-days': z
          .number()
          .min(1)
          .default(30)
          .describe('A budget projected to be crossed within this many days is a warning.'),
      })
      .strict()
      .default({ 'leak-mb-per-hour': 10, 'horizon-days': 30 }),
    tests: z
      .object({
        'flip-rate': z
          .number()
          .min(0)
          .max(1)
          .default(0.2)
          .describe('Pass/fail flip rate over history above which a test is flaky.'),
        'min-flips': z
          .number()
          .int()
          .min(1)
          .default(2)
          .describe('Flips needed before the flip-rate rule applies.'),
        'slow-pct': z
          .number()
          .min(0)
          .default(25)
          .describe('Relative slow-down (percent) for a test-slowed finding.'),
        'slow-min-ms': z
          .number()
          .min(0)
          .default(1000)
          .describe('Absolute slow-down (ms) also required for a test-slowed finding.'),
        slowest: z.number().int().min(0).default(10).describe('How many of the slowest tests to list.'),
      })
      .strict()
      .default({ 'flip-rate': 0.2, 'min-flips': 2, 'slow-pct': 25, 'slow-min-ms': 1000, slowest: 10 }),
    budgets: z
      .array(
        z.union([
          z
            .string()
            .describe(
              '`<metric glob or suffix> <= <number>` (also `<`, `>=`, `>`), e.g. `benchmark/kv/get/p95 <= 20`.',
            ),
          budgetObject,
        ]),
      )
      .default([])
      .describe('Absolute budgets (SLOs); they apply from the first run, in every stage including chaos.'),
    overrides: z
      .array(override)
      .default([])
      .describe('Per-metric thresholds, direction, ignore/quarantine (first match wins).'),
  })
  .strict()
  .default({
    window: 30,
    'min-samples': 5,
    'gate-samples': 10,
    'min-effect': 5,
    'hosted-wall-clock-min-effect': 10,
    'count-min-effect': 3,
    'warn-z': 3.5,
    'fail-z': 5,
    'fdr-q': 0.05,
    'spread-floor': 1,
    'noisy-cv': 25,
    changepoints: { enabled: true, 'p-value': 0.001, window: 50, 'min-segment': 3, wandering: true },
    trends: { 'leak-mb-per-hour': 10, 'horizon-days': 30 },
    tests: { 'flip-rate': 0.2, 'min-flips': 2, 'slow-pct': 25, 'slow-min-ms': 1000, slowest: 10 },
    budgets: [],
    overrides: [],
  })
export type AnalysisConfig = z.output<typeof analysisSection>
