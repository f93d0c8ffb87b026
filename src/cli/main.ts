import { analyzeCommand } from './commands/analyze.js'
import { changepointsCommand } from './commands/changepoints.js'
import { chaosCommand } from './commands/chaos.js'
import { historyCommand } from './commands/history.js'
import { parseCommand } from './commands/parse.js'
import { runCommand } from './commands/run.js'
import { validateCommand } from './commands/validate.js'
import { ExitCode, errorLine, type CliIo } from './io.js'

type Command = (args: string[], io: CliIo) => Promise<number>

const COMMANDS: Readonly<Record<string, { run: Command; help: string }>> = {
  run: { run: runCommand, help: 'run the stages, compare with history, report and alert' },
  validate: { run: validateCommand, help: 'check a config file and list every problem' },
  parse: { run: parseCommand, help: 'parse test reports or benchmark outputs (--json: the public contract)' },
  analyze: { run: analyzeCommand, help: 'analyse a run record against a history directory' },
  changepoints: { run: changepointsCommand, help: 'find change points in a series ({"values":[…]})' },
  history: { run: historyCommand, help: 'show | export | import | prune the local history' },
  chaos: { run: chaosCommand, help: 'run the embedded Toxiproxy-compatible fault proxy' },
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
    return await command.run(rest, io)
  } catch (err) {
    io.stderr(`gauntlet ${name}: ${errorLine(err)}\n`)
    return ExitCode.Usage
  }
}
