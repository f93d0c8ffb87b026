import type { RunnerFingerprint } from '../model/index.js'

/** The parts of `node:os` the fingerprint needs; passed in so the function stays pure. */
export interface OsFacts {
  platform(): string
  arch(): string
  cpus(): ReadonlyArray<{ model: string }>
}

/**
 * Describes the machine a run measured on. Hosted runners behind one label mix CPU models, which is the main
 * source of benchmark noise, so the CPU model and core count are part of it; `ImageOS`/`ImageVersion` are set on
 * GitHub-hosted runners and `RUNNER_NAME`'s label is not, hence `RUNNER_ENVIRONMENT`.
 */
export function runnerFingerprint(
  os: OsFacts,
  env: Readonly<Record<string, string | undefined>>,
): RunnerFingerprint {
  const cpus = os.cpus()
  const image =
    env.ImageOS !== undefined && env.ImageVersion !== undefined
      ? `${env.ImageOS}/${env.ImageVersion}`
      : undefined
  return {
    os: env.RUNNER_OS ?? os.platform(),
    arch: env.RUNNER_ARCH ?? os.arch(),
    cpuModel: (cpus[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim(),
    cores: cpus.length,
    ...(image === undefined ? {} : { imageVersion: image }),
    ...(env.RUNNER_ENVIRONMENT === undefined ? {} : { label: env.RUNNER_ENVIRONMENT }),
  }
}

/** Stable string form, used to group baseline runs by machine. */
export function fingerprintKey(f: RunnerFingerprint): string {
  return [f.os, f.arch, f.cpuModel, f.cores, f.imageVersion ?? ''].join('|')
}
