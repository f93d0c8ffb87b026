/** Limits of the receiving systems, spelled once (see shared/research/alerting.md §1–2). */
export const SLACK_MAX_BLOCKS = 50
export const SLACK_HEADER_MAX_CHARS = 150
export const SLACK_SECTION_MAX_CHARS = 3_000
export const SLACK_FALLBACK_MAX_CHARS = 3_000
/** Findings listed in one Slack/email message; the rest are counted, the PR comment has them all. */
export const MAX_FINDINGS_PER_MESSAGE = 10
export const PAGERDUTY_SUMMARY_MAX_CHARS = 1_024
export const PAGERDUTY_DEDUP_KEY_MAX_CHARS = 255
export const EMAIL_SUBJECT_MAX_CHARS = 200
/** `payload.source` when the run has no better name. */
export const PAGERDUTY_SOURCE = 'gauntlet'

/** Sender when `alerts.email.from` is not set. Here, not in email.ts, so the dry run does not load nodemailer. */
export const DEFAULT_EMAIL_FROM = 'gauntlet@localhost'
