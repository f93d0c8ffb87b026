/**
 * Scoring a change-point detector on TCPD series (pure: the caller reads the files). Multi-dimensional
 * series (e.g. `run_log`: pace and distance) are handled by detecting on every dimension and taking the union
 * of the indices — a change in any dimension is a change of the process, which is how TCPD's annotators
 * marked them.
 */
import { covering, fMeasure } from './tcpd-metrics.js'

/** The TCPD series JSON schema (the parts we read). */
export interface TcpdSeries {
  readonly name: string
  readonly n_obs: number
  readonly series: readonly { readonly label?: string; readonly raw: readonly (number | null)[] }[]
}

/** A detector under evaluation: indices of the first point after each change. */
export type Detector = (values: readonly (number | null)[]) => readonly number[]

/** Score of one series. */
export interface TcpdScore {
  readonly name: string
  readonly nObs: number
  readonly predicted: number[]
  readonly f1: number
  readonly cover: number
}

/** Detects on every dimension, unions the indices and scores them against every annotator. */
export function scoreTcpdSeries(
  series: TcpdSeries,
  annotations: Readonly<Record<string, readonly number[]>>,
  detect: Detector,
): TcpdScore {
  const all = new Set<number>()
  for (const dim of series.series) for (const i of detect(dim.raw)) all.add(i)
  const predicted = [...all].sort((a, b) => a - b)
  return {
    name: series.name,
    nObs: series.n_obs,
    predicted,
    f1: fMeasure(annotations, predicted).f1,
    cover: covering(annotations, predicted, series.n_obs),
  }
}
