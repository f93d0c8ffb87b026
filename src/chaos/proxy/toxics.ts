/*
 * Toxic definitions of the embedded proxy: the JSON shapes Toxiproxy's API accepts and returns, their defaults and
 * validation, and the pure arithmetic of each toxic (latency with jitter, bandwidth pacing, slicer splitting).
 * Written from Toxiproxy's README and API behaviour (no Node package implements Toxiproxy's toxics; see
 * `embedded-server.ts`). The socket side lives in `link.ts`.
 */

/** Toxic types the embedded proxy implements (Toxiproxy's built-in set). */
export const TOXIC_TYPES = [
  'latency',
  'bandwidth',
  'slow_close',
  'timeout',
  'reset_peer',
  'slicer',
  'limit_data',
] as const
export type ToxicType = (typeof TOXIC_TYPES)[number]

export type StreamDirection = 'upstream' | 'downstream'

/** Attribute names of each toxic, all integers, defaulting to 0 as Toxiproxy's Go structs do. */
export const TOXIC_ATTRIBUTES: Readonly<Record<ToxicType, readonly string[]>> = {
  latency: ['latency', 'jitter'],
  bandwidth: ['rate'],
  slow_close: ['delay'],
  timeout: ['timeout'],
  reset_peer: ['timeout'],
  slicer: ['average_size', 'size_variation', 'delay'],
  limit_data: ['bytes'],
}

/** A toxic exactly as Toxiproxy's API serialises it (field order included). */
export interface ToxicJson {
  attributes: Record<string, number>
  name: string
  type: ToxicType
  stream: StreamDirection
  toxicity: number
}

/** An API error as Toxiproxy returns it: `{"error": "...", "status": 404}`. */
export interface ApiErrorBody {
  readonly error: string
  readonly status: number
}

export const API_ERRORS = {
  badRequestBody: (detail: string): ApiErrorBody => ({ error: `bad request body: ${detail}`, status: 400 }),
  missingField: (field: string): ApiErrorBody => ({ error: `missing required field: ${field}`, status: 400 }),
  proxyNotFound: { error: 'proxy not found', status: 404 },
  proxyExists: { error: 'proxy already exists', status: 409 },
  invalidStream: { error: 'stream was invalid, can be either upstream or downstream', status: 400 },
  invalidToxicType: { error: 'invalid toxic type', status: 400 },
  toxicExists: { error: 'toxic already exists', status: 409 },
  toxicNotFound: { error: 'toxic not found', status: 404 },
} as const

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function isToxicType(v: unknown): v is ToxicType {
  return typeof v === 'string' && (TOXIC_TYPES as readonly string[]).includes(v)
}

/**
 * Reads `attributes` for a toxic type onto `base` (defaults 0). Unknown keys are ignored and non-integers refused,
 * as Go's JSON decoder does with int64 fields.
 */
function readAttributes(
  type: ToxicType,
  raw: unknown,
  base: Record<string, number>,
): Record<string, number> | ApiErrorBody {
  const out: Record<string, number> = {}
  for (const key of TOXIC_ATTRIBUTES[type]) out[key] = base[key] ?? 0
  if (raw === undefined || raw === null) return out
  if (!isRecord(raw)) return API_ERRORS.badRequestBody('attributes must be an object')
  for (const key of TOXIC_ATTRIBUTES[type]) {
    const value = raw[key]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      return API_ERRORS.badRequestBody(`attribute ${key} must be an integer, found ${JSON.stringify(value)}`)
    }
    out[key] = value
  }
  return out
}

/** Parses the body of `POST /proxies/{proxy}/toxics` the way Toxiproxy does; `exists` checks the name. */
export function parseToxicCreate(body: unknown, exists: (name: string) => boolean): ToxicJson | ApiErrorBody {
  if (!isRecord(body)) return API_ERRORS.badRequestBody('expected a JSON object')
  const streamRaw = body.stream ?? 'downstream'
  if (typeof streamRaw !== 'string') return API_ERRORS.badRequestBody('stream must be a string')
  const stream = streamRaw.toLowerCase()
  if (stream !== 'upstream' && stream !== 'downstream') return API_ERRORS.invalidStream
  const toxicity = body.toxicity ?? 1
  if (typeof toxicity !== 'number') return API_ERRORS.badRequestBody('toxicity must be a number')
  if (body.name !== undefined && typeof body.name !== 'string')
    return API_ERRORS.badRequestBody('name must be a string')
  const type = body.type
  const name = typeof body.name === 'string' && body.name !== '' ? body.name : `${String(type)}_${stream}`
  if (!isToxicType(type)) return API_ERRORS.invalidToxicType
  if (exists(name)) return API_ERRORS.toxicExists
  const attributes = readAttributes(type, body.attributes, {})
  if ('error' in attributes) return attributes as ApiErrorBody
  return { attributes, name, type, stream, toxicity }
}

/**
 * Applies the body of `POST|PATCH /proxies/{proxy}/toxics/{toxic}` to an existing toxic: attributes are merged,
 * `toxicity` replaced when given; name, type and stream never change.
 */
export function parseToxicUpdate(current: ToxicJson, body: unknown): ToxicJson | ApiErrorBody {
  if (!isRecord(body)) return API_ERRORS.badRequestBody('expected a JSON object')
  const toxicity = body.toxicity ?? current.toxicity
  if (typeof toxicity !== 'number') return API_ERRORS.badRequestBody('toxicity must be a number')
  const attributes = readAttributes(current.type, body.attributes, current.attributes)
  if ('error' in attributes) return attributes as ApiErrorBody
  return { ...current, attributes, toxicity }
}

/** Latency of one chunk: `latency ± jitter` (uniform), never negative; `random` is in [0, 1). */
export function latencyDelayMs(latency: number, jitter: number, random: number): number {
  const j = jitter > 0 ? Math.floor(random * jitter * 2) - jitter : 0
  return Math.max(0, latency + j)
}

/**
 * Bandwidth pacing: the time (ms) a chunk of `bytes` takes at `rateKBps` (1 KB = 1000 bytes, Toxiproxy's unit);
 * 0 for a rate ≤ 0 (unlimited).
 */
export function bandwidthDelayMs(bytes: number, rateKBps: number): number {
  return rateKBps <= 0 ? 0 : bytes / rateKBps
}

/** Largest piece a bandwidth toxic sends at once: 100 ms worth of data, so pacing stays smooth for big chunks. */
export function bandwidthSliceBytes(rateKBps: number): number {
  return Math.max(1, Math.floor(rateKBps * 100))
}

/**
 * Slicer: cuts `[0, length)` into pieces of about `averageSize ± sizeVariation` bytes by recursive halving, as
 * Toxiproxy does. Returns the cut boundaries `[0, a, b, …, length]`. `random` returns numbers in [0, 1).
 */
export function sliceBoundaries(
  length: number,
  averageSize: number,
  sizeVariation: number,
  random: () => number,
): number[] {
  const avg = Math.max(1, averageSize)
  const out: number[] = [0]
  // An explicit stack instead of recursion bounds the depth for huge chunks.
  const stack: Array<[number, number]> = [[0, length]]
  while (stack.length > 0) {
    const [start, end] = stack.pop()!
    if (end - start - avg <= sizeVariation || end - start <= 1) {
      out.push(end)
      continue
    }
    let mid = start + Math.floor((end - start) / 2)
    if (sizeVariation > 0) mid += Math.floor(random() * sizeVariation * 2) - sizeVariation
    mid = Math.min(end - 1, Math.max(start + 1, mid))
    // Right half pushed first so the left half is processed first: boundaries come out in order.
    stack.push([mid, end], [start, mid])
  }
  return out
}
