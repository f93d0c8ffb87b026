// Turns zod issues into `<what was found>; expected <what is accepted>` sentences. zod's own messages
// ("Invalid input: expected string, received number") name neither the YAML vocabulary (mapping, list) nor the
// accepted enum values in a user-facing way, and an `invalid_union` says nothing useful by default, so the loader
// parses with `issueSentinel` as its error map and writes every default message itself here. Messages a schema
// author wrote (`{ error: '...' }`, refinements) win over the sentinel and are kept, read as "what is accepted".
import type { z } from 'zod'
import { closestKey } from './closest-key.js'
import { knownKeysAt } from './known-keys.js'

type Issue = z.core.$ZodIssue
type Schema = z.core.$ZodType

/** Message zod gives an issue when the schema did not set one; see {@link issueSentinel}. */
export const DEFAULT_MESSAGE = '\u0000gauntlet-default-message'

/** Error map for `safeParse(..., { error: issueSentinel })`: marks the messages this module writes itself. */
export function issueSentinel(): string {
  return DEFAULT_MESSAGE
}

/** An issue in user terms: where it is (path, and whether to point at the key or the value) and what is wrong. */
export interface DescribedIssue {
  readonly path: readonly PropertyKey[]
  readonly on: 'key' | 'value'
  readonly message: string
}

const MAX_SHOWN = 60

/** `stages.unit.services[0].name`; keys that are not plain words are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else if (/^[\w-]+$/.test(String(seg))) out += out === '' ? String(seg) : `.${String(seg)}`
    else out += `[${JSON.stringify(String(seg))}]`
  }
  return out
}

function clip(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text
}

/** What the user wrote, as type and value: `string "abc"`, `number 5`, `a list of 2 items`. */
export function describeFound(input: unknown): string {
  if (input === undefined) return 'nothing (the key is missing)'
  if (input === null) return 'an empty value (null)'
  if (typeof input === 'string') return `string ${clip(JSON.stringify(input))}`
  if (typeof input === 'number' || typeof input === 'boolean' || typeof input === 'bigint') {
    return `${typeof input} ${String(input)}`
  }
  if (Array.isArray(input)) return `a list of ${input.length} item${input.length === 1 ? '' : 's'}`
  if (typeof input === 'object') {
    const keys = Object.keys(input)
    if (keys.length === 0) return 'an empty mapping'
    const shown = keys.slice(0, 5).join(', ') + (keys.length > 5 ? ', …' : '')
    return `a mapping with key${keys.length === 1 ? '' : 's'} ${clip(shown)}`
  }
  return typeof input
}

const TYPE_PHRASES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  bigint: 'an integer',
  boolean: 'a boolean (true or false)',
  object: 'a mapping (key: value)',
  array: 'a list',
  null: 'an empty value',
  date: 'a date',
}

function typePhrase(expected: string): string {
  return TYPE_PHRASES[expected] ?? `a ${expected}`
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`
}

function showValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v)
}

function bound(
  kind: 'min' | 'max',
  issue: { origin: string; inclusive?: boolean },
  limit: number | bigint,
): string {
  const n = Number(limit)
  const plural = n === 1 ? '' : 's'
  switch (issue.origin) {
    case 'string':
      if (kind === 'min')
        return n === 1 ? 'a non-empty string' : `a string of at least ${n} character${plural}`
      return `a string of at most ${n} character${plural}`
    case 'array':
    case 'set':
      if (kind === 'min') return n === 1 ? 'a non-empty list' : `a list of at least ${n} item${plural}`
      return `a list of at most ${n} item${plural}`
    default: {
      const op =
        kind === 'min' ? (issue.inclusive === false ? '>' : '>=') : issue.inclusive === false ? '<' : '<='
      return `a number ${op} ${n}`
    }
  }
}

/** What the schema accepts, for the issues whose message this module writes. */
function expectedText(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return typePhrase(issue.expected)
    case 'invalid_value':
      return issue.values.length === 1
        ? showValue(issue.values[0])
        : `one of: ${issue.values.map(showValue).join(', ')}`
    case 'too_small':
      return bound('min', issue, issue.minimum)
    case 'too_big':
      return bound('max', issue, issue.maximum)
    case 'invalid_format':
      if (issue.format === 'regex') return `text matching ${issue.pattern ?? 'the pattern'}`
      if (issue.format === 'url') return 'a URL'
      if (issue.format === 'starts_with' || issue.format === 'ends_with' || issue.format === 'includes') {
        return `text that ${issue.format.replace('_', ' ')} the required part`
      }
      return `a valid ${issue.format}`
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`
    default:
      return 'a valid value'
  }
}

// A union branch that rejected the value for its type alone tells only "this alternative expects X"; when all
// branches did that, the user wants "expected X, Y or Z". Returns undefined when the branch went deeper.
function typeAlternatives(branch: readonly Issue[]): string[] | undefined {
  if (branch.length !== 1) return undefined
  const only = branch[0]
  if (only === undefined || only.path.length > 0) return undefined
  if (only.code === 'invalid_type') {
    return [only.message === DEFAULT_MESSAGE ? typePhrase(only.expected) : stripExpected(only.message)]
  }
  if (only.code === 'invalid_union') {
    if (only.message !== DEFAULT_MESSAGE) return [stripExpected(only.message)]
    const nested = only.errors.map(typeAlternatives)
    return nested.every((n) => n !== undefined) ? nested.flat() : undefined
  }
  return undefined
}

function stripExpected(message: string): string {
  return message.replace(/^expected\s+/i, '')
}

function deepest(branch: readonly Issue[]): number {
  return Math.max(0, ...branch.map((i) => i.path.length))
}

function inputAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<PropertyKey, unknown>)[seg]
  }
  return cur
}

function sentence(found: unknown, accepted: string, path: readonly PropertyKey[]): string {
  if (found === undefined && path.length > 0) {
    return `missing required key '${String(path[path.length - 1])}'; expected ${accepted}`
  }
  return `found ${describeFound(found)}; expected ${accepted}`
}

/**
 * Describes zod issues (parsed with `{ error: issueSentinel }`) against the raw `data` that was validated.
 * `unrecognized_keys` becomes one entry per key with a "did you mean" from `schema`; a failed union is reduced to
 * the branch the user evidently meant, or to one "expected X or Y" when every branch rejected the type.
 */
export function describeIssues(
  issues: readonly Issue[],
  data: unknown,
  schema: Schema,
  prefix: readonly PropertyKey[] = [],
): DescribedIssue[] {
  const out: DescribedIssue[] = []
  for (const issue of issues) {
    const path = [...prefix, ...issue.path]
    const found = inputAt(data, path)
    const custom = issue.message !== DEFAULT_MESSAGE
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeysAt(schema, path)
        for (const key of issue.keys) {
          const guess = closestKey(key, known)
          const accepted = known.length > 0 ? `; expected one of: ${known.join(', ')}` : ''
          out.push({
            path: [...path, key],
            on: 'key',
            message:
              guess !== undefined
                ? `unknown key '${key}'; did you mean '${guess}'?`
                : `unknown key '${key}'${accepted}`,
          })
        }
        break
      }
      case 'invalid_union': {
        if (custom) {
          out.push({ path, on: 'value', message: sentence(found, stripExpected(issue.message), path) })
          break
        }
        // A discriminated union whose tag matched no option names the tags it knows.
        const tags = (issue as { options?: unknown[] }).options
        if (issue.errors.length === 0) {
          const accepted =
            tags !== undefined && tags.length > 0
              ? `one of: ${tags.map(showValue).join(', ')}`
              : 'a valid value'
          out.push({ path, on: 'value', message: sentence(found, accepted, path) })
          break
        }
        const alternatives = issue.errors.map(typeAlternatives)
        if (alternatives.every((a) => a !== undefined)) {
          const unique = [...new Set(alternatives.flat())]
          out.push({ path, on: 'value', message: sentence(found, joinOr(unique), path) })
          break
        }
        let chosen: readonly Issue[] = []
        issue.errors.forEach((branch, i) => {
          if (alternatives[i] === undefined && (chosen.length === 0 || deepest(branch) > deepest(chosen))) {
            chosen = branch
          }
        })
        out.push(...describeIssues(chosen, data, schema, path))
        break
      }
      case 'invalid_key': {
        const inner = issue.issues[0]
        const accepted =
          inner === undefined
            ? 'a valid key'
            : inner.message === DEFAULT_MESSAGE
              ? expectedText(inner)
              : inner.message
        const key = path[path.length - 1]
        out.push({
          path,
          on: 'key',
          message: `found key ${JSON.stringify(String(key))}; expected ${stripExpected(accepted)}`,
        })
        break
      }
      case 'invalid_element':
        out.push(...describeIssues(issue.issues, data, schema, path))
        break
      default:
        out.push({
          path,
          on: 'value',
          message: sentence(found, custom ? stripExpected(issue.message) : expectedText(issue), path),
        })
    }
  }
  return out
}
