/**
 * Typed errors of the stage runner. Each message names the stage, command or service and says what to do, because
 * it ends up verbatim in the job log and the PR comment.
 */

/** Base class, so callers can tell stage-runner errors from bugs. */
export class StageRunnerError extends Error {
  override readonly name: string = 'StageRunnerError'
}

/** The working directory of a stage or service does not exist or is not a directory. */
export class WorkingDirectoryError extends StageRunnerError {
  override readonly name = 'WorkingDirectoryError'
  constructor(
    readonly directory: string,
    readonly owner: string,
    reason: string,
  ) {
    super(
      `${owner}: working directory ${JSON.stringify(directory)} ${reason}; ` +
        `fix \`working-directory\` (it is relative to the workspace root) or create the directory first.`,
    )
  }
}

/** The shell could not be started at all (not an exit code: the process never ran). */
export class SpawnError extends StageRunnerError {
  override readonly name = 'SpawnError'
  constructor(
    readonly shell: string,
    cause: unknown,
  ) {
    super(
      `could not start ${shell}: ${cause instanceof Error ? cause.message : String(cause)}; ` +
        `check that it is installed and on PATH.`,
      { cause },
    )
  }
}

/** A service exited before its readiness probe passed. */
export class ServiceExitedError extends StageRunnerError {
  override readonly name = 'ServiceExitedError'
  constructor(
    readonly service: string,
    readonly exitCode: number | null,
    readonly signal: string | null,
    readonly lastLines: readonly string[],
  ) {
    const how = exitCode !== null ? `with exit code ${exitCode}` : `on signal ${signal ?? 'unknown'}`
    const output = lastLines.length > 0 ? `; last output:\n${lastLines.join('\n')}` : '; it printed nothing'
    super(`service "${service}" exited ${how} before it was ready${output}`)
  }
}

/** A service's readiness probe did not pass within `ready.timeout`. */
export class ServiceNotReadyError extends StageRunnerError {
  override readonly name = 'ServiceNotReadyError'
  constructor(
    readonly service: string,
    readonly probe: string,
    readonly timeoutMs: number,
    readonly lastProblem: string | null,
    readonly lastLines: readonly string[],
  ) {
    const problem = lastProblem !== null ? ` (last attempt: ${lastProblem})` : ''
    const output = lastLines.length > 0 ? `; last output:\n${lastLines.join('\n')}` : ''
    super(
      `service "${service}" was not ready within ${timeoutMs} ms: ${probe} did not pass${problem}; ` +
        `raise \`ready.timeout\` or check the service's command${output}`,
    )
  }
}

/** A service's `ready.log` is not a valid regular expression. */
export class ReadinessConfigError extends StageRunnerError {
  override readonly name = 'ReadinessConfigError'
  constructor(
    readonly service: string,
    detail: string,
  ) {
    super(`service "${service}": ${detail}`)
  }
}

/** `--stages` named something that is not a stage. */
export class StageSelectionError extends StageRunnerError {
  override readonly name = 'StageSelectionError'
  constructor(
    readonly unknown: readonly string[],
    readonly known: readonly string[],
  ) {
    super(
      `unknown stage(s) ${unknown.map((s) => JSON.stringify(s)).join(', ')} in --stages; use ${known.join(', ')}`,
    )
  }
}
