import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  external_exports
} from "./chunk-IGAZOIB7.js";

// src/config/sections/analysis.ts
var budgetObject = external_exports.object({
  metric: external_exports.string().min(1).describe(
    "Metric key glob (picomatch, e.g. `benchmark/kv/*/p95`) or key suffix (e.g. `p95_latency_ms`, `error_rate`). Chaos results appear as `chaos/<experiment>/error_rate`, `\u2026/p50_latency_ms`, `\u2026/p95_latency_ms`, `\u2026/p99_latency_ms`, `\u2026/recovery_ms`."
  ),
  max: external_exports.number().optional().describe("The value must stay at or below this (inclusive)."),
  min: external_exports.number().optional().describe("The value must stay at or above this (inclusive).")
}).strict();
var override = external_exports.object({
  metric: external_exports.string().min(1).describe("Metric key glob or suffix this override applies to (also matches test ids)."),
  "min-effect": external_exports.number().min(0).optional().describe("Minimum practical effect in percent for these metrics."),
  direction: external_exports.enum(["lower", "higher", "none"]).optional().describe("Which way is worse; `none` = any change is worse."),
  "warn-z": external_exports.number().positive().optional(),
  "fail-z": external_exports.number().positive().optional(),
  critical: external_exports.boolean().optional().describe("Tag as critical (SLO): a confirmed regression on the default branch pages."),
  ignore: external_exports.boolean().optional().describe("Drop findings for these metrics entirely (reason required)."),
  quarantine: external_exports.boolean().optional().describe("Keep findings but cap them at `info` with a `quarantined` badge (reason required)."),
  reason: external_exports.string().optional().describe("Why; shown next to the finding."),
  expires: external_exports.string().regex(/^\d{4}-\d{2}-\d{2}/, "expected an ISO date such as 2026-12-31").optional().describe("ISO date after which ignore/quarantine stops applying.")
}).strict().refine(
  (o) => !(o.ignore === true || o.quarantine === true) || o.reason !== void 0 && o.reason.length > 0,
  {
    message: "ignore/quarantine needs a `reason`"
  }
);
var analysisSection = external_exports.object({
  window: external_exports.number().int().min(2).max(64).default(30).describe("Most recent trusted baseline runs per metric."),
  "min-samples": external_exports.number().int().min(1).default(5).describe(
    "Baseline points needed for a statistical verdict, and same-runner points needed to prefer the same runner fingerprint."
  ),
  "gate-samples": external_exports.number().int().min(1).default(10).describe("Baseline points needed before a finding may be `error` or `critical`."),
  "min-effect": external_exports.number().min(0).default(5).describe("Minimum practical effect in percent (all unit classes)."),
  "hosted-wall-clock-min-effect": external_exports.number().min(0).default(10).describe(
    "Minimum effect in percent for wall-clock/throughput metrics measured on GitHub-hosted runners."
  ),
  "count-min-effect": external_exports.number().min(0).default(3).describe("Minimum effect in percent for instruction/allocation counts."),
  "warn-z": external_exports.number().positive().default(3.5).describe("Robust z at which a change becomes a warning."),
  "fail-z": external_exports.number().positive().default(5).describe("Robust z at which a confirmed change becomes an error."),
  "fdr-q": external_exports.number().gt(0).lt(1).default(0.05).describe("Benjamini\u2013Hochberg false-discovery rate across the metrics of a run."),
  "spread-floor": external_exports.number().min(0).default(1).describe("Relative floor of the robust spread, in percent of the baseline median."),
  "noisy-cv": external_exports.number().min(0).default(25).describe("Coefficient of variation (percent) above which a metric is `noisy` (advisory only)."),
  changepoints: external_exports.object({
    enabled: external_exports.boolean().default(true),
    "p-value": external_exports.number().gt(0).lt(1).default(1e-3).describe("Significance of a change point (Otava `--p-value`)."),
    // 50, Otava's default, not the 30 our research first suggested for ~90-point series: with the trend-aware
    // null a wider window no longer cuts slopes into steps, and `npm run eval` measured TCPD mean F1 0.777
    // (window 50) vs 0.757 (window 30); leave-one-out picks window 50 on 16 of 16 folds; A/A 0.75 vs 0.63
    // false warnings per 1,000 metric-runs, both under the 1 target.
    window: external_exports.number().int().min(4).max(200).default(50).describe("Split-step window (Otava `--window`)."),
    "min-magnitude": external_exports.number().min(0).optional().describe("Minimum relative magnitude in percent; defaults to `min-effect`."),
    "min-segment": external_exports.number().int().min(1).default(3).describe("Shortest regime counted as a sustained shift.")
  }).strict().default({ enabled: true, "p-value": 1e-3, window: 50, "min-segment": 3 }),
  trends: external_exports.object({
    "leak-mb-per-hour": external_exports.number().min(0).default(10).describe("Memory growth per hour above which a leak is reported."),
    "horizon-days": external_exports.number().min(1).default(30).describe("A budget projected to be crossed within this many days is a warning.")
  }).strict().default({ "leak-mb-per-hour": 10, "horizon-days": 30 }),
  tests: external_exports.object({
    "flip-rate": external_exports.number().min(0).max(1).default(0.2).describe("Pass/fail flip rate over history above which a test is flaky."),
    "min-flips": external_exports.number().int().min(1).default(2).describe("Flips needed before the flip-rate rule applies."),
    "slow-pct": external_exports.number().min(0).default(25).describe("Relative slow-down (percent) for a test-slowed finding."),
    "slow-min-ms": external_exports.number().min(0).default(1e3).describe("Absolute slow-down (ms) also required for a test-slowed finding."),
    slowest: external_exports.number().int().min(0).default(10).describe("How many of the slowest tests to list.")
  }).strict().default({ "flip-rate": 0.2, "min-flips": 2, "slow-pct": 25, "slow-min-ms": 1e3, slowest: 10 }),
  budgets: external_exports.array(
    external_exports.union([
      external_exports.string().describe(
        "`<metric glob or suffix> <= <number>` (also `<`, `>=`, `>`), e.g. `benchmark/kv/get/p95 <= 20`."
      ),
      budgetObject
    ])
  ).default([]).describe("Absolute budgets (SLOs); they apply from the first run, in every stage including chaos."),
  overrides: external_exports.array(override).default([]).describe("Per-metric thresholds, direction, ignore/quarantine (first match wins).")
}).strict().default({
  window: 30,
  "min-samples": 5,
  "gate-samples": 10,
  "min-effect": 5,
  "hosted-wall-clock-min-effect": 10,
  "count-min-effect": 3,
  "warn-z": 3.5,
  "fail-z": 5,
  "fdr-q": 0.05,
  "spread-floor": 1,
  "noisy-cv": 25,
  changepoints: { enabled: true, "p-value": 1e-3, window: 50, "min-segment": 3 },
  trends: { "leak-mb-per-hour": 10, "horizon-days": 30 },
  tests: { "flip-rate": 0.2, "min-flips": 2, "slow-pct": 25, "slow-min-ms": 1e3, slowest: 10 },
  budgets: [],
  overrides: []
});

export {
  analysisSection
};
