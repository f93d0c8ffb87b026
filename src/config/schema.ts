import { z } from 'zod'
import { alertsSection } from './sections/alerts.js'
import { analysisSection } from './sections/analysis.js'
import { historySection } from './sections/history.js'
import { reportSection } from './sections/report.js'
import { stagesSection } from './sections/stages.js'

/** The whole `.github/gauntlet.yml`. Each section lives in `sections/`, next to the step that reads it. */
export const configSchema = z
  .object({
    version: z.literal(1).default(1).describe('Config format version; only 1 exists.'),
    stages: stagesSection,
    analysis: analysisSection,
    history: historySection,
    report: reportSection,
    alerts: alertsSection,
  })
  .strict()

/** The validated config, as every step sees it. */
export type Config = z.output<typeof configSchema>
