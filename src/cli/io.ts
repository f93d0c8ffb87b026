/** Where a CLI command writes; tests pass collectors, the entry point passes the process streams. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
}

/** Exit codes shared by every command. */
export const ExitCode = {
  Ok: 0,
  /** The run's verdict reached `fail-on`, or tests failed. */
  Failed: 1,
  /** Bad usage or unreadable input. */
  Usage: 2,
} as const

/** One line for stderr from any thrown value, without a stack trace (the message is meant for users). */
export function errorLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err)
  return text.replace(/\s*\n\s*/g, ' ').trim()
}
