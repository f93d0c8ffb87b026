/**
 * Every input and output name of action.yml, spelled once. `test/unit/action-contract.test.ts` checks that this
 * file and action.yml agree, and `scripts/readme-inputs.mjs` renders the README tables from action.yml.
 */
export const Inputs = {
  Config: 'config',
  GithubToken: 'github-token',
  Mode: 'mode',
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

export const MODES = ['run', 'collect', 'report'] as const
export type Mode = (typeof MODES)[number]

export const FAIL_ON = ['never', 'warning', 'error', 'critical'] as const
export type FailOn = (typeof FAIL_ON)[number]

export const COMMENT_MODES = ['always', 'on-change', 'never'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

export const DEFAULT_CONFIG_PATH = '.github/gauntlet.yml'
export const DEFAULT_RETENTION_DAYS = 90
