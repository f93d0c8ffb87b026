// Walks a zod 4 schema by its definition (`_zod.def`) to list the keys an object accepts at a path. zod's
// `unrecognized_keys` issue names the stray keys but not the accepted ones, which a "did you mean" needs.
import type { z } from 'zod'

type Schema = z.core.$ZodType
type Def = Record<string, unknown> & { type: string }

function def(s: Schema): Def {
  return s._zod.def as unknown as Def
}

// Bounded so a recursive (lazy) schema cannot loop.
const MAX_DEPTH = 32

/** The schemas a value at this point may be checked against, with wrappers and unions removed. */
function concrete(s: Schema, depth = 0): Schema[] {
  if (depth > MAX_DEPTH) return []
  const d = def(s)
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return concrete(d.innerType as Schema, depth + 1)
    case 'pipe':
      // The input side is what the user wrote in the YAML.
      return concrete(d.in as Schema, depth + 1)
    case 'lazy':
      return concrete((d.getter as () => Schema)(), depth + 1)
    case 'union':
      return (d.options as Schema[]).flatMap((o) => concrete(o, depth + 1))
    default:
      return [s]
  }
}

function child(s: Schema, segment: PropertyKey): Schema[] {
  const d = def(s)
  if (d.type === 'object') {
    const shape = d.shape as Record<string, Schema>
    const next = typeof segment === 'string' && Object.hasOwn(shape, segment) ? shape[segment] : undefined
    return next === undefined ? [] : [next]
  }
  if (d.type === 'array' && typeof segment === 'number') return [d.element as Schema]
  if (d.type === 'record') return [d.valueType as Schema]
  return []
}

/**
 * The keys the object(s) at `path` inside `schema` accept, in schema order; empty when the path leads nowhere
 * or to something that is not an object. Union branches contribute all their object keys.
 */
export function knownKeysAt(schema: Schema, path: readonly PropertyKey[]): string[] {
  let current = concrete(schema)
  for (const segment of path) current = current.flatMap((s) => child(s, segment)).flatMap((s) => concrete(s))
  const keys = new Set<string>()
  for (const s of current) {
    const d = def(s)
    if (d.type === 'object') for (const k of Object.keys(d.shape as object)) keys.add(k)
  }
  return [...keys]
}
