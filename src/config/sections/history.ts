import { z } from 'zod'
import { DEFAULT_RETENTION_DAYS } from '../action-contract.js'

/** History settings (issue 3): where runs are kept, for how long, and which runs form the baseline. */
export const historySection = z
  .object({
    backend: z
      .enum(['auto', 'artifacts', 'directory'])
      .default('auto')
      .describe(
        '`artifacts` keeps history in GitHub Actions artifacts; `directory` in a local folder; `auto` picks artifacts inside Actions (when the artifact runtime and a token are present) and the directory elsewhere.',
      ),
    directory: z
      .string()
      .min(1)
      .default('.gauntlet/history')
      .describe('Folder of the `directory` backend, relative to the working directory.'),
    'baseline-branches': z
      .array(z.string().min(1))
      .default([])
      .describe("Branches whose runs form the baseline. Empty means the repository's default branch."),
    'trusted-events': z
      .array(z.string().min(1))
      .min(1)
      .default(['push', 'schedule', 'workflow_dispatch'])
      .describe(
        "Events whose runs may form the baseline. Pull-request events never do: their records only feed the pull request's own trend.",
      ),
    'retention-days': z
      .number()
      .int()
      .min(1)
      .max(400)
      .default(DEFAULT_RETENTION_DAYS)
      .describe(
        'Days of history kept, judged by the timestamps inside the records; also the retention of the uploaded artifacts (GitHub allows 1-90 days on public repositories, up to 400 on private ones). The `history-retention-days` input overrides it.',
      ),
    'max-downloads': z
      .number()
      .int()
      .min(1)
      .max(200)
      .default(50)
      .describe('Run-record artifacts newer than the snapshot downloaded per run, newest first.'),
    'download-concurrency': z
      .number()
      .int()
      .min(1)
      .max(16)
      .default(4)
      .describe('Artifact downloads in flight at once.'),
    'max-record-mb': z
      .number()
      .positive()
      .max(1024)
      .default(16)
      .describe('Run-record artifacts larger than this (MB, as listed) are skipped with a warning.'),
    'max-snapshot-mb': z
      .number()
      .positive()
      .max(4096)
      .default(256)
      .describe('Snapshot artifacts larger than this (MB, as listed) are skipped with a warning.'),
  })
  .strict()
  .default({
    backend: 'auto',
    directory: '.gauntlet/history',
    'baseline-branches': [],
    'trusted-events': ['push', 'schedule', 'workflow_dispatch'],
    'retention-days': DEFAULT_RETENTION_DAYS,
    'max-downloads': 50,
    'download-concurrency': 4,
    'max-record-mb': 16,
    'max-snapshot-mb': 256,
  })
  .describe('Where run history is kept and which runs form the baseline.')
export type HistoryConfig = z.output<typeof historySection>
