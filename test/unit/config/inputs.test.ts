import { describe, expect, it } from 'vitest'
import {
  DEFAULT_COMMENT,
  DEFAULT_CONFIG_PATH,
  DEFAULT_FAIL_ON,
  DEFAULT_MODE,
  DEFAULT_RETENTION_DAYS,
  Inputs,
} from '../../../src/config/action-contract.js'
import type { InputName } from '../../../src/config/action-contract.js'
import { InputError, inputEnvName, readInputs, SECRET_INPUTS } from '../../../src/config/inputs.js'

/** The environment the runner would give for these `with:` values. */
function env(values: Partial<Record<InputName, string>>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [inputEnvName(k as InputName), v]))
}

function inputError(values: Partial<Record<InputName, string>>): InputError {
  try {
    readInputs(env(values))
  } catch (err) {
    expect(err).toBeInstanceOf(InputError)
    return err as InputError
  }
  throw new Error('expected an InputError')
}

describe('inputEnvName', () => {
  it.each([
    ['config', 'INPUT_CONFIG'],
    ['fail-on', 'INPUT_FAIL-ON'],
    ['history-retention-days', 'INPUT_HISTORY-RETENTION-DAYS'],
  ] as const)('%s is read from %s, as @actions/core does', (name, variable) => {
    expect(inputEnvName(name)).toBe(variable)
  })
})

describe('readInputs', () => {
  it('applies the contract defaults when nothing is set', () => {
    expect(readInputs({})).toEqual({
      config: DEFAULT_CONFIG_PATH,
      githubToken: undefined,
      mode: DEFAULT_MODE,
      shard: undefined,
      shards: [],
      stages: [],
      workingDirectory: '.',
      failOn: DEFAULT_FAIL_ON,
      comment: DEFAULT_COMMENT,
      historyRetentionDays: DEFAULT_RETENTION_DAYS,
      slackWebhookUrl: undefined,
      pagerdutyRoutingKey: undefined,
      smtpUrl: undefined,
      secrets: [],
    })
  })

  it('treats blank inputs (what the runner passes for an empty default) as unset', () => {
    expect(readInputs(env({ mode: '  ', stages: '', 'history-retention-days': ' ' }))).toMatchObject({
      mode: 'run',
      stages: [],
      historyRetentionDays: 90,
    })
  })

  it('reads every input, trimmed, and lists the secrets to mask', () => {
    const inputs = readInputs(
      env({
        config: ' ci/gauntlet.yml ',
        'github-token': 'ghs_abc',
        mode: 'collect',
        shard: ' unit-1 ',
        shards: 'unit-1, unit-2\nunit-1',
        stages: 'benchmark, unit',
        'working-directory': 'services/api',
        'fail-on': 'Critical',
        comment: 'always',
        'history-retention-days': '30',
        'slack-webhook-url': 'https://hooks.slack.com/services/T/B/X',
        'pagerduty-routing-key': 'R0UTINGKEY',
        'smtp-url': 'smtps://u:p@mail.example.com:465',
      }),
    )
    expect(inputs).toEqual({
      config: 'ci/gauntlet.yml',
      githubToken: 'ghs_abc',
      mode: 'collect',
      shard: 'unit-1',
      shards: ['unit-1', 'unit-2'],
      stages: ['unit', 'benchmark'],
      workingDirectory: 'services/api',
      failOn: 'critical',
      comment: 'always',
      historyRetentionDays: 30,
      slackWebhookUrl: 'https://hooks.slack.com/services/T/B/X',
      pagerdutyRoutingKey: 'R0UTINGKEY',
      smtpUrl: 'smtps://u:p@mail.example.com:465',
      secrets: [
        'ghs_abc',
        'https://hooks.slack.com/services/T/B/X',
        'R0UTINGKEY',
        'smtps://u:p@mail.example.com:465',
      ],
    })
  })

  it.each([
    ['unit', ['unit']],
    ['chaos,unit,unit', ['unit', 'chaos']],
    ['integration\nbenchmark', ['integration', 'benchmark']],
    [' , unit ,, ', ['unit']],
  ])('stages %j runs %j in stage order', (value, stages) => {
    expect(readInputs(env({ stages: value })).stages).toEqual(stages)
  })

  it.each([
    ['report', 'a,b', undefined],
    ['run', '', undefined],
    ['report', ' s1 , s2\ns3,\n', undefined],
  ] as const)('mode %s ignores an empty shard and reads shards %j', (mode, shards, shard) => {
    const inputs = readInputs(env({ mode, shards }))
    expect(inputs.shard).toBe(shard)
    expect(inputs.shards).toEqual(shards.split(/[\s,]+/).filter((s) => s !== ''))
  })

  it('returns a frozen object', () => {
    const inputs = readInputs(env({ stages: 'unit' }))
    expect(Object.isFrozen(inputs)).toBe(true)
    expect(Object.isFrozen(inputs.stages)).toBe(true)
    expect(Object.isFrozen(inputs.shards)).toBe(true)
    expect(() => {
      ;(inputs as { mode: string }).mode = 'report'
    }).toThrow(TypeError)
  })

  it('flags exactly the credential inputs as secrets', () => {
    expect([...SECRET_INPUTS].sort()).toEqual(
      [Inputs.GithubToken, Inputs.SlackWebhookUrl, Inputs.PagerdutyRoutingKey, Inputs.SmtpUrl].sort(),
    )
  })
})

describe('readInputs: bad values', () => {
  it.each([
    [Inputs.Mode, 'deploy', 'one of: run, collect, report'],
    [Inputs.FailOn, 'fatal', 'one of: never, warning, error, critical'],
    [Inputs.Comment, 'sometimes', 'one of: always, on-change, never'],
    [Inputs.HistoryRetentionDays, '0', 'a whole number of days from 1 to 400'],
    [Inputs.HistoryRetentionDays, '401', 'a whole number of days from 1 to 400'],
    [Inputs.HistoryRetentionDays, '7.5', 'a whole number of days from 1 to 400'],
    [Inputs.HistoryRetentionDays, 'ninety', 'a whole number of days from 1 to 400'],
    [
      Inputs.Stages,
      'unit,e2e',
      'a comma-separated subset of: unit, integration, benchmark, chaos (unknown: e2e)',
    ],
    [Inputs.WorkingDirectory, 'a\nb', 'a path without NUL bytes or line breaks'],
    [Inputs.Config, 'x\0.yml', 'a path without NUL bytes or line breaks'],
  ] as const)('%s = %j is refused, naming the accepted values', (input, value, expected) => {
    const err = inputError({ [input]: value })
    expect(err.problems).toEqual([{ input, value, expected }])
    expect(err.message).toContain(`${input}: found ${JSON.stringify(value)}; expected ${expected}`)
  })

  it('requires shard in mode: collect and shows how to pass it from the matrix', () => {
    const err = inputError({ mode: 'collect' })
    expect(err.problems).toEqual([
      {
        input: Inputs.Shard,
        value: '',
        expected: 'a shard name in mode: collect, e.g. `shard: ${{ matrix.shard }}`',
      },
    ])
    expect(err.message).toContain('shard: ${{ matrix.shard }}')
  })

  it.each([
    [{ mode: 'collect', shard: '../x' }, Inputs.Shard],
    [{ mode: 'collect', shard: '..' }, Inputs.Shard],
    [{ shard: 'a b' }, Inputs.Shard],
    [{ shard: 'x'.repeat(101) }, Inputs.Shard],
    [{ mode: 'report', shards: 's1, <script>, s3' }, Inputs.Shards],
    [{ mode: 'report', shards: 's1,../../etc' }, Inputs.Shards],
  ] as const)('refuses the hostile shard names in %j', (values, input) => {
    const err = inputError(values)
    expect(err.problems.map((p) => p.input)).toEqual([input])
    expect(err.problems[0]?.expected).toContain("letters, digits, '.', '_' or '-'")
  })

  it.each([
    [Inputs.SlackWebhookUrl, 'hooks.slack.com/services/T/B/SECRETPART'],
    [Inputs.SmtpUrl, 'https://u:SECRETPART@mail.example.com'],
    [Inputs.PagerdutyRoutingKey, 'abc SECRETPART'],
    [Inputs.GithubToken, 'ghs SECRETPART'],
  ] as const)('a bad %s is refused without echoing the secret', (input, value) => {
    const err = inputError({ [input]: value })
    expect(err.problems[0]).toMatchObject({ input, value: '***' })
    expect(err.message).not.toContain('SECRETPART')
  })

  it('reports every bad input at once', () => {
    const err = inputError({ mode: 'x', 'fail-on': 'y', comment: 'z', 'history-retention-days': '-1' })
    expect(err.problems.map((p) => p.input)).toEqual(['mode', 'fail-on', 'comment', 'history-retention-days'])
    expect(err.message.split('\n')).toHaveLength(5)
  })
})
