// Reads the action's inputs from the environment the way @actions/core's getInput does (INPUT_<NAME>, name
// upper-cased, spaces to underscores, hyphens kept, value trimmed) without calling it, so the whole parse is a
// pure function of a plain object: the shell passes process.env, tests pass literals.
import {
  COMMENT_MODES,
  DEFAULT_COMMENT,
  DEFAULT_CONFIG_PATH,
  DEFAULT_FAIL_ON,
  DEFAULT_MODE,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_WORKING_DIRECTORY,
  FAIL_ON,
  Inputs,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  MODES,
  SECRET_INPUTS,
} from './action-contract.js'
import type { CommentMode, FailOn, InputName, Mode } from './action-contract.js'
import { isShardName, SHARD_NAME_RULE } from '../history/shard-name.js'
import { STAGE_NAMES } from '../model/stage.js'
import type { StageName } from '../model/stage.js'

export { SECRET_INPUTS } from './action-contract.js'
export type { SecretInputName } from './action-contract.js'

/** Prefix the runner puts before every input's environment variable. */
export const INPUT_ENV_PREFIX = 'INPUT_'

/** The environment variable holding an input, as @actions/core derives it: `fail-on` → `INPUT_FAIL-ON`. */
export function inputEnvName(name: InputName): string {
  return `${INPUT_ENV_PREFIX}${name.replace(/ /g, '_').toUpperCase()}`
}

/** The action's inputs, validated, with defaults applied to empty ones. Frozen. */
export interface ActionInputs {
  /** Config file path, relative to `workingDirectory`. */
  readonly config: string
  readonly githubToken: string | undefined
  readonly mode: Mode
  /** This job's shard name in `mode: collect` (required there); undefined when empty. */
  readonly shard: string | undefined
  /** Shard names `mode: report` expects, in the given order without repeats; empty when not given. */
  readonly shards: readonly string[]
  /** Stages to run, in run order; empty means every stage the config declares. */
  readonly stages: readonly StageName[]
  readonly workingDirectory: string
  readonly failOn: FailOn
  readonly comment: CommentMode
  readonly historyRetentionDays: number
  readonly slackWebhookUrl: string | undefined
  readonly pagerdutyRoutingKey: string | undefined
  readonly smtpUrl: string | undefined
  /** Every non-empty value of a {@link SECRET_INPUTS} input; the shell passes each to `core.setSecret`. */
  readonly secrets: readonly string[]
}

/** One input that cannot be used. `value` is `'***'` for secret inputs, which must never be echoed. */
export interface InputProblem {
  readonly input: InputName
  readonly value: string
  readonly expected: string
}

/** Invalid action inputs; lists every bad input with its value and what it accepts. */
export class InputError extends Error {
  override readonly name = 'InputError'

  constructor(readonly problems: readonly InputProblem[]) {
    super(
      [`Invalid action input${problems.length === 1 ? '' : 's'} (see the 'with:' of the Gauntlet step):`]
        .concat(problems.map((p) => `  ${p.input}: found ${JSON.stringify(p.value)}; expected ${p.expected}`))
        .join('\n'),
    )
  }
}

const SECRET_SET: ReadonlySet<string> = new Set<string>(SECRET_INPUTS)
// Paths with a NUL byte or a line break are never what a user meant and confuse every tool downstream.
const BAD_PATH_CHARS = /[\0\r\n]/

/**
 * Validates the action inputs found in `env` (normally `process.env`). Empty inputs take the defaults of
 * action-contract.ts; enum inputs are matched case-insensitively. Throws {@link InputError} naming every bad
 * input at once. Pure: reads only `env`.
 */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const problems: InputProblem[] = []
  const raw = (name: InputName): string => (env[inputEnvName(name)] ?? '').trim()
  const fail = (name: InputName, value: string, expected: string): void => {
    problems.push({ input: name, value: SECRET_SET.has(name) ? '***' : value, expected })
  }

  const oneOf = <T extends string>(name: InputName, allowed: readonly T[], fallback: T): T => {
    const value = raw(name)
    if (value === '') return fallback
    const match = allowed.find((a) => a === value.toLowerCase())
    if (match === undefined) fail(name, value, `one of: ${allowed.join(', ')}`)
    return match ?? fallback
  }

  const path = (name: InputName, fallback: string): string => {
    const value = raw(name)
    if (value === '') return fallback
    if (BAD_PATH_CHARS.test(value)) fail(name, value, 'a path without NUL bytes or line breaks')
    return value
  }

  const secret = (name: InputName, valid: (v: string) => boolean, expected: string): string | undefined => {
    const value = raw(name)
    if (value === '') return undefined
    if (!valid(value)) fail(name, value, expected)
    return value
  }

  const retention = ((): number => {
    const value = raw(Inputs.HistoryRetentionDays)
    if (value === '') return DEFAULT_RETENTION_DAYS
    const n = /^\d+$/.test(value) ? Number(value) : NaN
    if (!(n >= MIN_RETENTION_DAYS && n <= MAX_RETENTION_DAYS)) {
      fail(
        Inputs.HistoryRetentionDays,
        value,
        `a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}`,
      )
      return DEFAULT_RETENTION_DAYS
    }
    return n
  })()

  const stages = ((): StageName[] => {
    const words = raw(Inputs.Stages)
      .split(/[\s,]+/)
      .filter((w) => w !== '')
      .map((w) => w.toLowerCase())
    const unknown = words.filter((w) => !(STAGE_NAMES as readonly string[]).includes(w))
    if (unknown.length > 0) {
      fail(
        Inputs.Stages,
        raw(Inputs.Stages),
        `a comma-separated subset of: ${STAGE_NAMES.join(', ')} (unknown: ${unknown.join(', ')})`,
      )
    }
    return STAGE_NAMES.filter((s) => words.includes(s))
  })()

  const mode = oneOf(Inputs.Mode, MODES, DEFAULT_MODE)

  const shard = ((): string | undefined => {
    const value = raw(Inputs.Shard)
    if (value === '') {
      if (mode === 'collect')
        fail(Inputs.Shard, value, 'a shard name in mode: collect, e.g. `shard: ${{ matrix.shard }}`')
      return undefined
    }
    if (!isShardName(value)) fail(Inputs.Shard, value, `a shard name: ${SHARD_NAME_RULE}`)
    return value
  })()

  const shards = ((): string[] => {
    const names = [
      ...new Set(
        raw(Inputs.Shards)
          .split(/[\s,]+/)
          .filter((w) => w !== ''),
      ),
    ]
    const bad = names.filter((n) => !isShardName(n))
    if (bad.length > 0) {
      fail(
        Inputs.Shards,
        raw(Inputs.Shards),
        `comma- or newline-separated shard names, each ${SHARD_NAME_RULE} (invalid: ${bad.map((b) => JSON.stringify(b)).join(', ')})`,
      )
    }
    return names.filter(isShardName)
  })()

  const inputs: ActionInputs = {
    config: path(Inputs.Config, DEFAULT_CONFIG_PATH),
    githubToken: secret(Inputs.GithubToken, (v) => /^\S+$/.test(v), 'a token without spaces'),
    mode,
    shard,
    shards,
    stages,
    workingDirectory: path(Inputs.WorkingDirectory, DEFAULT_WORKING_DIRECTORY),
    failOn: oneOf(Inputs.FailOn, FAIL_ON, DEFAULT_FAIL_ON),
    comment: oneOf(Inputs.Comment, COMMENT_MODES, DEFAULT_COMMENT),
    historyRetentionDays: retention,
    slackWebhookUrl: secret(
      Inputs.SlackWebhookUrl,
      (v) => hasProtocol(v, ['https:', 'http:']),
      'an https:// webhook URL',
    ),
    pagerdutyRoutingKey: secret(
      Inputs.PagerdutyRoutingKey,
      (v) => /^\S+$/.test(v),
      'a routing key without spaces',
    ),
    smtpUrl: secret(
      Inputs.SmtpUrl,
      (v) => hasProtocol(v, ['smtp:', 'smtps:']),
      'an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.com:465',
    ),
    secrets: SECRET_INPUTS.map((name) => raw(name)).filter((v) => v !== ''),
  }
  if (problems.length > 0) {
    const order: readonly string[] = Object.values(Inputs)
    throw new InputError(problems.sort((a, b) => order.indexOf(a.input) - order.indexOf(b.input)))
  }
  return Object.freeze({
    ...inputs,
    stages: Object.freeze(inputs.stages),
    shards: Object.freeze(inputs.shards),
    secrets: Object.freeze(inputs.secrets),
  })
}

function hasProtocol(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol)
  } catch {
    return false
  }
}
