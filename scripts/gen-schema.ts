// Writes schema/gauntlet.schema.json from the zod config schema, so editors (VS Code YAML, JetBrains) complete
// and check `.github/gauntlet.yml` as users write it. Run: `node --import tsx scripts/gen-schema.ts`.
// `test/unit/config/json-schema.test.ts` fails when the committed file differs from a fresh generation.
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { EXTENSION_KEY_PREFIX } from '../src/config/load.js'
import { configSchema } from '../src/config/schema.js'

/** Where the generated schema is committed, relative to the project root. */
export const SCHEMA_FILE = 'schema/gauntlet.schema.json'

/** The schema's identifier; a URI editors may also fetch it from (the raw file on the default branch). */
export const SCHEMA_ID =
  'https://raw.githubusercontent.com/gauntlet-ci/gauntlet/main/schema/gauntlet.schema.json'

/**
 * The JSON Schema of the config as users write it (`io: 'input'`: durations as text, defaults optional), with
 * `$id` and title first. Deterministic text ending in a newline.
 */
export function generateSchemaText(): string {
  const generated = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' })
  const { $schema, ...rest } = generated
  const document = {
    $schema,
    $id: SCHEMA_ID,
    title: 'Gauntlet configuration (.github/gauntlet.yml)',
    description: 'Stages to run, how results are analysed against history, reported and alerted on.',
    ...rest,
    // The loader drops top-level `x-` keys before validation; say so, or editors would flag every anchor holder.
    patternProperties: {
      [`^${EXTENSION_KEY_PREFIX}`]: {
        description: 'Extension key, ignored by Gauntlet: a place for YAML anchors.',
      },
    },
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

async function main(): Promise<void> {
  const target = fileURLToPath(new URL(`../${SCHEMA_FILE}`, import.meta.url))
  await writeFile(target, generateSchemaText())
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`)
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
