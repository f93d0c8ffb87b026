/** Names of the environment variables Gauntlet exports to stage commands and services. */

/** Name of the running stage (`unit`, `integration`, `benchmark`, `chaos`). */
export const ENV_STAGE = 'GAUNTLET_STAGE'
/** 1-based attempt number; greater than 1 when the stage is retried. */
export const ENV_ATTEMPT = 'GAUNTLET_ATTEMPT'
/** 1-based repeat number of the benchmark stage (always 1 for other stages). */
export const ENV_REPEAT = 'GAUNTLET_REPEAT'
/** Shard name of a matrix job in `mode: collect` (the `shard` input); unset in other modes. */
export const ENV_SHARD = 'GAUNTLET_SHARD'

/** Environment of a child: base environment, then configured values, then Gauntlet's own (which always win). */
export function mergeEnv(
  base: Readonly<Record<string, string | undefined>>,
  ...layers: readonly Readonly<Record<string, string>>[]
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(base)) if (v !== undefined) out[k] = v
  for (const layer of layers) Object.assign(out, layer)
  return out
}
