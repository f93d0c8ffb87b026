import { z } from 'zod'

/** Report settings. Placeholder owned by the reporting work (issue 5). */
export const reportSection = z
  .object({
    id: z.string().regex(/^[\w.-]+$/).default('default'),
    directory: z.string().default('gauntlet-report'),
    templates: z.record(z.string(), z.string()).default({}),
  })
  .strict()
  .default({ id: 'default', directory: 'gauntlet-report', templates: {} })
export type ReportConfig = z.output<typeof reportSection>
