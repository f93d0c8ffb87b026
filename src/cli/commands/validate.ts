import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG_PATH } from '../../config/action-contract.js'
import { validateConfigFile } from '../../config/validate.js'
import { ExitCode, type CliIo } from '../io.js'

export const VALIDATE_USAGE = `gauntlet validate [--config FILE]

Checks a Gauntlet config and prints every problem as file:line:col: key: found; expected.`

/** `gauntlet validate`: exit 0 when the config is valid, 1 with every problem listed otherwise. */
export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { config: { type: 'string', short: 'c', default: DEFAULT_CONFIG_PATH } },
  })
  const result = await validateConfigFile(values.config)
  if (result.ok) {
    io.stdout(`${values.config}: valid\n${result.summary}\n`)
    return ExitCode.Ok
  }
  io.stderr(`${result.errors.join('\n')}\n`)
  return ExitCode.Failed
}
