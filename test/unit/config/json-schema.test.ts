import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { generateSchemaText, SCHEMA_FILE, SCHEMA_ID } from '../../../scripts/gen-schema.js'

const committedPath = fileURLToPath(new URL(`../../../${SCHEMA_FILE}`, import.meta.url))

interface JsonSchema {
  $schema: string
  $id: string
  title: string
  type: string
  additionalProperties: boolean
  patternProperties: Record<string, unknown>
  properties: Record<string, { $ref?: string; properties?: Record<string, unknown>; description?: string }>
  $defs: Record<string, { properties?: Record<string, { description?: string }> }>
}

describe('schema/gauntlet.schema.json', () => {
  it('equals a fresh generation (run `node --import tsx scripts/gen-schema.ts` after changing a section)', async () => {
    const committed = await readFile(committedPath, 'utf8')
    expect(committed).toBe(generateSchemaText())
  })

  it('carries $schema, $id and title, and describes the config as users write it', () => {
    const schema = JSON.parse(generateSchemaText()) as JsonSchema
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.$id).toBe(SCHEMA_ID)
    expect(schema.title).toMatch(/Gauntlet/)
    expect(schema.type).toBe('object')
    expect(schema.additionalProperties).toBe(false)
    expect(Object.keys(schema.patternProperties)).toEqual(['^x-'])
    expect(Object.keys(schema.properties)).toEqual([
      'version',
      'stages',
      'analysis',
      'history',
      'report',
      'alerts',
    ])
    // io: 'input' — a duration is what users type (text or seconds), not the milliseconds the loader produces.
    expect(JSON.stringify(schema.$defs.Duration)).toContain('"type":"string"')
  })

  it('describes every field of a stage and a service', () => {
    const schema = JSON.parse(generateSchemaText()) as JsonSchema
    for (const def of ['Stage', 'Service', 'Readiness']) {
      const properties = schema.$defs[def]?.properties ?? {}
      expect(Object.keys(properties).length, def).toBeGreaterThan(0)
      for (const [key, value] of Object.entries(properties)) {
        const text = JSON.stringify(value)
        expect(text.includes('"description"') || text.includes('"$ref"'), `${def}.${key}`).toBe(true)
      }
    }
  })
})
