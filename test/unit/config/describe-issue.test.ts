import { describe, expect, it } from 'vitest'
import { LineCounter, parseDocument } from 'yaml'
import { z } from 'zod'
import { configSchema } from '../../../src/config/schema.js'
import {
  describeFound,
  describeIssues,
  formatPath,
  issueSentinel,
} from '../../../src/config/describe-issue.js'
import { knownKeysAt } from '../../../src/config/known-keys.js'
import { locatePath } from '../../../src/config/yaml-locate.js'

describe('formatPath', () => {
  it.each([
    [[], ''],
    [['version'], 'version'],
    [['stages', 'unit', 'services', 0, 'name'], 'stages.unit.services[0].name'],
    [['stages', 'unit', 'env', 'MY VAR'], 'stages.unit.env["MY VAR"]'],
  ] as const)('%j → %j', (path, text) => {
    expect(formatPath(path)).toBe(text)
  })
})

describe('describeFound', () => {
  it.each([
    [undefined, 'nothing (the key is missing)'],
    [null, 'an empty value (null)'],
    ['abc', 'string "abc"'],
    [5, 'number 5'],
    [false, 'boolean false'],
    [[1, 2], 'a list of 2 items'],
    [{}, 'an empty mapping'],
    [{ a: 1 }, 'a mapping with key a'],
    [{ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }, 'a mapping with keys a, b, c, d, e, …'],
    ['x'.repeat(100), `string "${'x'.repeat(59)}…`],
  ])('%j → %j', (input, text) => {
    expect(describeFound(input)).toBe(text)
  })
})

describe('knownKeysAt', () => {
  it.each([
    [[], ['version', 'stages', 'analysis', 'history', 'report', 'alerts']],
    [['stages'], ['unit', 'integration', 'benchmark', 'chaos']],
    [
      ['stages', 'unit', 'services', 0, 'ready'],
      ['tcp', 'http', 'log', 'timeout', 'interval'],
    ],
    [
      ['stages', 'unit', 'results'],
      ['path', 'format', 'suite'],
    ],
    [
      ['stages', 'unit', 'results', 3],
      ['path', 'format', 'suite'],
    ],
    [['stages', 'unit', 'run'], []],
    [['nowhere', 'at', 'all'], []],
  ] as const)('%j → %j', (path, keys) => {
    expect(knownKeysAt(configSchema, path)).toEqual(keys)
  })

  it('includes the extra keys of the benchmark stage', () => {
    expect(knownKeysAt(configSchema, ['stages', 'benchmark'])).toContain('repeat')
    expect(knownKeysAt(configSchema, ['stages', 'unit'])).not.toContain('repeat')
  })
})

describe('describeIssues', () => {
  const schema = z
    .object({
      mode: z.enum(['a', 'b']),
      tags: z.array(z.string()).min(1),
      nested: z.object({ level: z.number().int().max(3) }).strict(),
      either: z.union([z.string(), z.object({ x: z.literal(1) }).strict()]),
      custom: z.string().regex(/^v\d+$/, { error: 'expected a version such as v2' }),
    })
    .strict()

  function describeData(data: unknown): string[] {
    const result = schema.safeParse(data, { error: issueSentinel, reportInput: true })
    expect(result.success).toBe(false)
    return describeIssues(result.error!.issues, data, schema).map(
      (d) => `${formatPath(d.path)}: ${d.message}`,
    )
  }

  it('describes each issue code in user terms', () => {
    expect(
      describeData({ mode: 'c', tags: [], nested: { level: 4, levle: 1 }, either: { x: 2 }, custom: 'v' }),
    ).toEqual([
      'mode: found string "c"; expected one of: a, b',
      'tags: found a list of 0 items; expected a non-empty list',
      'nested.level: found number 4; expected a number <= 3',
      "nested.levle: unknown key 'levle'; did you mean 'level'?",
      'either.x: found number 2; expected 1',
      'custom: found string "v"; expected a version such as v2',
    ])
  })

  it('merges the alternatives of a union rejected for its type', () => {
    expect(describeData({ mode: 'a', tags: ['t'], nested: { level: 1 }, either: 7, custom: 'v1' })).toEqual([
      'either: found number 7; expected a string or a mapping (key: value)',
    ])
  })

  it('reports missing keys by name', () => {
    expect(describeData({})).toEqual([
      "mode: missing required key 'mode'; expected one of: a, b",
      "tags: missing required key 'tags'; expected a list",
      "nested: missing required key 'nested'; expected a mapping (key: value)",
      "either: missing required key 'either'; expected a string or a mapping (key: value)",
      "custom: missing required key 'custom'; expected a string",
    ])
  })

  it('names the accepted tags of a discriminated union', () => {
    const tagged = z.object({
      fault: z.discriminatedUnion('type', [
        z.object({ type: z.literal('latency'), ms: z.number() }),
        z.object({ type: z.literal('down') }),
      ]),
    })
    const data = { fault: { type: 'laggy' } }
    const result = tagged.safeParse(data, { error: issueSentinel, reportInput: true })
    const described = describeIssues(result.error!.issues, data, tagged)
    expect(described.map((d) => `${formatPath(d.path)}: ${d.message}`)).toEqual([
      'fault.type: found string "laggy"; expected one of: latency, down',
    ])
  })
})

describe('locatePath', () => {
  const text = ['a:', '  b: 1', '  c:', '  d: [x, {e: 2}]', 'f: &f {g: 3}', 'h: *f', ''].join('\n')
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter })

  it.each([
    [['a', 'b'], 'value', 2, 6],
    [['a', 'b'], 'key', 2, 3],
    [['a', 'c'], 'value', 3, 3],
    [['a', 'd', 1, 'e'], 'value', 4, 14],
    [['a', 'd', 1], 'value', 4, 10],
    [['a', 'missing'], 'value', 1, 1],
    [['a', 'd', 1, 'missing'], 'value', 4, 10],
    [['h', 'g'], 'value', 5, 11],
    [[], 'value', 1, 1],
  ] as const)('%j (%s) is at %d:%d', (path, on, line, col) => {
    expect(locatePath(doc, lineCounter, path, on)).toEqual({ line, col })
  })
})
