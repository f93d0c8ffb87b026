/** Every supported test-report format, for config validation and help texts. */
export const TEST_FORMATS = ['junit', 'nunit', 'xunit', 'trx', 'mocha-json', 'dart-json'] as const

/** The test-report formats Gauntlet reads. */
export type TestFormat = (typeof TEST_FORMATS)[number]

/** Default for `TestParseOptions.maxBytes`: larger reports are refused rather than risking the runner's memory. */
export const DEFAULT_MAX_REPORT_BYTES = 100 * 1024 * 1024
