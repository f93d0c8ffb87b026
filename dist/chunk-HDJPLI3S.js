import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);

// src/config/action-contract.ts
var Inputs = {
  Config: "config",
  GithubToken: "github-token",
  Mode: "mode",
  Shard: "shard",
  Shards: "shards",
  Stages: "stages",
  WorkingDirectory: "working-directory",
  FailOn: "fail-on",
  Comment: "comment",
  HistoryRetentionDays: "history-retention-days",
  SlackWebhookUrl: "slack-webhook-url",
  PagerdutyRoutingKey: "pagerduty-routing-key",
  SmtpUrl: "smtp-url"
};
var Outputs = {
  Status: "status",
  TestsFailed: "tests-failed",
  Regressions: "regressions",
  FindingsJson: "findings-json",
  ReportPath: "report-path"
};
var SECRET_INPUTS = [
  Inputs.GithubToken,
  Inputs.SlackWebhookUrl,
  Inputs.PagerdutyRoutingKey,
  Inputs.SmtpUrl
];
var MODES = ["run", "collect", "report"];
var FAIL_ON = ["never", "warning", "error", "critical"];
var COMMENT_MODES = ["always", "on-change", "never"];
var DEFAULT_CONFIG_PATH = ".github/gauntlet.yml";
var DEFAULT_MODE = "run";
var DEFAULT_FAIL_ON = "error";
var DEFAULT_COMMENT = "on-change";
var DEFAULT_WORKING_DIRECTORY = ".";
var DEFAULT_RETENTION_DAYS = 90;
var MIN_RETENTION_DAYS = 1;
var MAX_RETENTION_DAYS = 400;

export {
  Inputs,
  Outputs,
  SECRET_INPUTS,
  MODES,
  FAIL_ON,
  COMMENT_MODES,
  DEFAULT_CONFIG_PATH,
  DEFAULT_MODE,
  DEFAULT_FAIL_ON,
  DEFAULT_COMMENT,
  DEFAULT_WORKING_DIRECTORY,
  DEFAULT_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  MAX_RETENTION_DAYS
};
