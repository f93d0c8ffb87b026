import { ExitCode, errorLine, type CliIo } from './io.js'

type Command = (args: string[], io: CliIo) => Promise<number>

// Each subcommand is imported when it is chosen, not before: `gauntlet --help` and `gauntlet validate` then
// never parse the pipeline, the HTML report or the chaos proxy (issue 8, start-up), and the bundle splits
// every command into its own chunk. The literal paths keep the imports visible to esbuild and tsc.
const COMMANDS: Readonly<Record<string, { load: () => Promise<Command>; help: string }>> = {
  run: {
    load: async () => (await import('./commands/run.js')).runCommand,
    help: 'run the stages, compare with history, report and alert',
  },
  validate: {
    load: async () => (await import('./commands/validate.js')).validateCommand,
    help: 'check a config file and list every problem',
  },
  parse: {
    load: async () => (await import('./commands/parse.js')).parseCommand,
    help: 'parse test reports or benchmark outputs (--json: the public contract)',
  },
  analyze: {
    load: async () => (await import('./commands/analyze.js')).analyzeCommand,
    help: 'analyse a run record against a history directory',
  },
  changepoints: {
    load: async () => (await import('./commands/changepoints.js')).changepointsCommand,
    help: 'find change points in a series ({"values":[…]})',
  },
  history: {
    load: async () => (await import('./commands/history.js')).historyCommand,
    help: 'show | export | import | prune the local history',
  },
  chaos: {
    load: async () => (await import('./commands/chaos.js')).chaosCommand,
    help: 'run the embedded Toxiproxy-compatible fault proxy',
  },
}

const USAGE = `gauntlet <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(13)}${c.help}`)
  .join('\n')}

Run 'gauntlet <command> --help' for a command's options.`

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}

/** Parses argv and dispatches a subcommand; returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`)
    return name === undefined ? ExitCode.Usage : ExitCode.Ok
  }
  const command = COMMANDS[name]
  if (command === undefined) {
    io.stderr(`gauntlet: unknown command '${name}'\n\n${USAGE}\n`)
    return ExitCode.Usage
  }
  try {
    const run = await command.load()
    return await run(rest, io)
  } catch (err) {
    io.stderr(`gauntlet ${name}: ${errorLine(err)}\n`)
    return ExitCode.Usage
  }
}
