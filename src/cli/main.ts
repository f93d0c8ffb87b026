/** Parses argv and dispatches a subcommand; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  await Promise.resolve()
  process.stdout.write(`gauntlet ${argv.join(' ')}\n`)
  return 0
}
