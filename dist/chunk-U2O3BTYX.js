import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  external_exports
} from "./chunk-IGAZOIB7.js";

// src/config/sections/duration.ts
var UNIT_MS = { h: 36e5, m: 6e4, s: 1e3, ms: 1 };
var NUM = String.raw`\d+(?:\.\d+)?`;
var DURATION_SOURCE = String.raw`^\s*(?:(?=\d)(?:(${NUM})h)?(?:(${NUM})m)?(?:(${NUM})s)?(?:(${NUM})ms)?|(${NUM}))\s*$`;
var DURATION_RE = new RegExp(DURATION_SOURCE);
var DURATION_EXPECTED = "a duration such as 250ms, 30s, 10m, 1h or 1m30s, or a number of seconds >= 0";
function parseDuration(text) {
  const m = DURATION_RE.exec(text);
  if (!m) return void 0;
  const [, h, min, s, ms, bare] = m;
  if (bare !== void 0) return Math.round(Number(bare) * 1e3);
  const total = Number(h ?? 0) * UNIT_MS.h + Number(min ?? 0) * UNIT_MS.m + Number(s ?? 0) * UNIT_MS.s + Number(ms ?? 0);
  return Math.round(total);
}
var durationMs = external_exports.union(
  [
    external_exports.number({ error: DURATION_EXPECTED }).nonnegative({ error: DURATION_EXPECTED }),
    external_exports.string({ error: DURATION_EXPECTED }).regex(DURATION_RE, { error: DURATION_EXPECTED })
  ],
  { error: DURATION_EXPECTED }
).transform((raw) => typeof raw === "number" ? Math.round(raw * 1e3) : parseDuration(raw) ?? 0).meta({ id: "Duration", description: "Duration: 250ms, 30s, 10m, 1h, 1m30s, or a number of seconds." });

// src/config/sections/alerts.ts
var DEFAULT_PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";
var ALERT_CHANNEL_NAMES = ["slack", "pagerduty", "email"];
var SEVERITY_MATCH_RE = /^(>=)?(info|warning|error|critical)$/;
var WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
var email = external_exports.string().email({ error: "an email address such as oncall@example.com" });
var matchSchema = external_exports.object({
  severity: external_exports.string().regex(SEVERITY_MATCH_RE, { error: "a severity (`error`) or a minimum (`>=error`)" }).optional().describe("`error` matches exactly that severity; `>=error` matches error and critical."),
  stage: external_exports.string().min(1).optional().describe("Stage of the finding: unit, integration, benchmark or chaos."),
  branch: external_exports.string().min(1).optional().describe("Glob on the branch of the run, e.g. `main` or `release/*`."),
  event: external_exports.string().min(1).optional().describe("GitHub event name of the run, e.g. `push` or `schedule`."),
  kind: external_exports.string().min(1).optional().describe("Finding kind, e.g. `metric-regression` or `test-new-failure`."),
  metric: external_exports.string().min(1).optional().describe("Glob on the metric key (`stage/suite/name/measure`)."),
  test: external_exports.string().min(1).optional().describe("Glob on the test id (`suite::classname::name`)."),
  labels: external_exports.record(external_exports.string(), external_exports.string()).optional().describe("Finding labels that must all be equal to these values.")
}).strict().describe("All given matchers must hold; an empty match matches every finding.");
var muteSchema = external_exports.union([
  external_exports.object({
    from: external_exports.iso.datetime({ offset: true }).describe("Start of a one-off mute window (ISO 8601)."),
    to: external_exports.iso.datetime({ offset: true }).describe("End of a one-off mute window (ISO 8601), exclusive.")
  }).strict(),
  external_exports.object({
    weekdays: external_exports.array(external_exports.enum(WEEKDAYS)).min(1).optional().describe("UTC weekdays the mute applies to; every day when absent."),
    hours: external_exports.object({
      from: external_exports.number().int().min(0).max(23).describe("First muted UTC hour."),
      to: external_exports.number().int().min(1).max(24).describe("UTC hour the mute ends (exclusive); may wrap past midnight.")
    }).strict().optional().describe(
      "UTC hours the mute applies to; the whole day when absent. `{from: 22, to: 6}` wraps midnight."
    )
  }).strict()
]);
var routeSchema = external_exports.object({
  match: matchSchema.default({}),
  channels: external_exports.array(external_exports.enum(ALERT_CHANNEL_NAMES)).default([]).describe("Channels this route sends to."),
  to: external_exports.array(email).optional().describe("Email recipients of this route; `alerts.email.to` when absent."),
  continue: external_exports.boolean().default(false).describe("Keep evaluating the following routes after this one matched (Alertmanager `continue`)."),
  "group-by": external_exports.enum(["run", "finding"]).default("run").describe(
    "`run`: one Slack/email message per run and route; `finding`: one per finding. PagerDuty is per finding."
  ),
  "repeat-interval": durationMs.prefault("4h").describe("Re-notify a still-open alert at most this often (default 4h)."),
  mute: external_exports.array(muteSchema).default([]).describe("Windows in which this route sends nothing.")
}).strict();
var alertsSection = external_exports.object({
  "dry-run": external_exports.boolean().default(false).describe("Write every message to <report dir>/alerts/ instead of sending it."),
  "fail-on-alert-error": external_exports.boolean().default(false).describe("Fail the run when a channel still fails after retries (default: a warning)."),
  "pagerduty-url": external_exports.url().default(DEFAULT_PAGERDUTY_URL).describe("PagerDuty Events API v2 endpoint; change only for tests or a proxy."),
  email: external_exports.object({
    from: email.optional().describe("Sender address of alert emails."),
    to: external_exports.array(email).default([]).describe("Default recipients of alert emails.")
  }).strict().default({ to: [] }),
  routes: external_exports.array(routeSchema).default([]).describe(
    "Evaluated top-down; the first matching route wins unless it has `continue: true`. Empty: critical \u2192 slack, pagerduty, email; error \u2192 slack; warning and below \u2192 PR comment only."
  )
}).strict().default({
  "dry-run": false,
  "fail-on-alert-error": false,
  "pagerduty-url": DEFAULT_PAGERDUTY_URL,
  email: { to: [] },
  routes: []
});

export {
  durationMs,
  DEFAULT_PAGERDUTY_URL,
  alertsSection
};
