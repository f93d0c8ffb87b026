/** Finding severities, least to most severe. `fail-on` and alert routes compare against this order. */
export const SEVERITIES = ['info', 'warning', 'error', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

/** Position of a severity in {@link SEVERITIES}; higher is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity)
}

/** True when `severity` is at least as severe as `threshold`. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold)
}

/** The most severe of the given severities, or `undefined` for none. */
export function maxSeverity(severities: Iterable<Severity>): Severity | undefined {
  let best: Severity | undefined
  for (const s of severities) if (best === undefined || severityRank(s) > severityRank(best)) best = s
  return best
}
