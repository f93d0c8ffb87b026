import { z } from 'zod'

/**
 * Fields the chaos stage adds to a plain stage. Placeholder owned by the chaos work (issue 7): engine, proxies,
 * experiments.
 */
export const chaosStageFields = {
  engine: z.enum(['embedded', 'toxiproxy']).default('embedded'),
  url: z.string().url().optional(),
  proxies: z.array(z.unknown()).default([]),
  experiments: z.array(z.unknown()).default([]),
}
