import { z } from 'zod'

/** Analysis settings. Placeholder owned by the analysis work (issue 4). */
export const analysisSection = z
  .object({
    window: z.number().int().min(2).max(64).default(30),
    'min-samples': z.number().int().min(1).default(5),
    budgets: z.array(z.string()).default([]),
  })
  .strict()
  .default({ window: 30, 'min-samples': 5, budgets: [] })
export type AnalysisConfig = z.output<typeof analysisSection>
