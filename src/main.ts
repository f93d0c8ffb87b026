import * as core from '@actions/core'

/** Runs the action: reads inputs, runs the pipeline, sets outputs. Never throws; failures go to setFailed. */
export async function run(): Promise<void> {
  try {
    await Promise.resolve()
    core.info('gauntlet: pipeline not wired yet')
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err))
  }
}
