/**
 * Every input and output name of action.yml, spelled once, with the defaults the code applies when an input is
 * empty (running outside Actions, or a caller passing ''). `test/unit/config/action-contract.test.ts` checks that
 * this file and action.yml agree, and `scripts/readme-inputs.ts` renders the README tables from action.yml.
 */
export const Inputs = {
  Config: 'config',
  GithubToken: 'github-token',
  Mode: 'mode',
  Shard: 'shard',
  Shards: 'shards',
  Stages: 'stages',
  WorkingDirectory: 'working-directory',
  FailOn: 'fail-on',
  Comment: 'comment',
  HistoryRetentionDays: 'history-retention-days',
  SlackWebhookUrl: 'slack-webhook-url',
  PagerdutyRoutingKey: 'pagerduty-routing-key',
  SmtpUrl: 'smtp-url',
} as const
export type InputName = (typeof Inputs)[keyof typeof Inputs]

export const Outputs = {
  Status: 'status',
  TestsFailed: 'tests-failed',
  Regressions: 'regressions',
  FindingsJson: 'findings-json',
  ReportPath: 'report-path',
} as const
export type OutputName = (typeof Outputs)[keyof typeof Outputs]

/** Inputs that carry credentials: their values must be masked (`core.setSecret`) before anything is logged. */
export const SECRET_INPUTS = [
  Inputs.GithubToken,
  Inputs.SlackWebhookUrl,
  Inputs.PagerdutyRoutingKey,
  Inputs.SmtpUrl,
] as const satisfies readonly InputName[]
export type SecretInputName = (typeof SECRET_INPUTS)[number]

export const MODES = ['run', 'collect', 'report'] as const
export type Mode = (typeof MODES)[number]

export const FAIL_ON = ['never', 'warning', 'error', 'critical'] as const
export type FailOn = (typeof FAIL_ON)[number]

export const COMMENT_MODES = ['always', 'on-change', 'never'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

export const DEFAULT_CONFIG_PATH = '.github/gauntlet.yml'
export const DEFAULT_MODE: Mode = 'run'
export const DEFAULT_FAIL_ON: FailOn = 'error'
export const DEFAULT_COMMENT: CommentMode = 'on-change'
export const DEFAULT_WORKING_DIRECTORY = '.'
export const DEFAULT_RETENTION_DAYS = 90
/** Bounds of `history-retention-days`; 400 is the longest artifact retention GitHub allows (private repos). */
export const MIN_RETENTION_DAYS = 1
export const MAX_RETENTION_DAYS = 400

/** The runtime and entry point action.yml must declare. */
export const ACTION_RUNS_USING = 'node24'
export const ACTION_MAIN = 'dist/index.js'
