import { z } from 'zod'

/** Alert settings. Placeholder owned by the alerts work (issue 6). */
export const alertsSection = z
  .object({
    'dry-run': z.boolean().default(false),
    routes: z.array(z.unknown()).default([]),
  })
  .strict()
  .default({ 'dry-run': false, routes: [] })
export type AlertsConfig = z.output<typeof alertsSection>
