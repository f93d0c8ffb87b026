import { z } from 'zod'

/** History settings. Placeholder owned by the history work (issue 3). */
export const historySection = z
  .object({
    backend: z.enum(['auto', 'artifacts', 'directory']).default('auto'),
    directory: z.string().default('.gauntlet/history'),
    'baseline-branches': z.array(z.string()).default([]),
  })
  .strict()
  .default({ backend: 'auto', directory: '.gauntlet/history', 'baseline-branches': [] })
export type HistoryConfig = z.output<typeof historySection>
