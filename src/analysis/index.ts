/** Public surface of the analysis step. */
export { analyze, isPullRequestRun, selectBaselineRuns, type GauntletAnalysisReport } from './analyze.js'
export { shardFindings } from './shards.js'
export { findingId, type AnalysisConfig, type AnalysisInput } from './input.js'
export {
  detectChangePoints,
  fillMissing,
  OTAVA_DEFAULTS,
  type ChangePoint,
  type ChangePointOptions,
} from './changepoints/e-divisive.js'
export {
  detectSustainedShifts,
  type SustainedShift,
  type SustainedShiftOptions,
} from './changepoints/sustained-shifts.js'
export { parseBudgets, BudgetSyntaxError, type Budget } from './metrics/budgets.js'
export * from './stats/distributions.js'
export * from './stats/hypothesis-tests.js'
export { robustSummary, theilSenSlope, medianOf, type RobustSummary } from './stats/robust.js'
export * from './evaluation/tcpd-metrics.js'
