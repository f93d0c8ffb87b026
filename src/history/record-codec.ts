/**
 * Bytes <-> run record: gzipped JSON, decompressed under a hard size bound so a gzip bomb or a truncated
 * upload becomes a named, skippable error instead of an out-of-memory crash.
 */
import { gunzipSync, gzipSync } from 'node:zlib'
import type { RunRecord } from '../model/index.js'
import { MAX_RECORD_JSON_BYTES } from './constants.js'
import { HistoryArtifactError } from './errors.js'
import { parseRunRecord } from './record-schema.js'

/** Gzips a record for storage. */
export function encodeRecord(record: RunRecord): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(record), 'utf8'))
}

/**
 * Decompresses gzip bytes under a bound, mapping zlib failures to skip reasons.
 * @throws HistoryArtifactError `truncated`, `oversized` or `corrupt`
 */
export function gunzipBounded(bytes: Buffer, source: string, maxBytes: number): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes })
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    if (e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw new HistoryArtifactError(source, 'oversized', `decompresses to more than ${maxBytes} bytes`)
    }
    if (e.code === 'Z_BUF_ERROR') {
      throw new HistoryArtifactError(source, 'truncated', 'the gzip stream ends early (truncated upload?)')
    }
    throw new HistoryArtifactError(source, 'corrupt', `not a gzip stream (${e.message})`)
  }
}

/**
 * Decodes a stored record: gunzip (bounded), JSON, migration and schema validation.
 * @throws HistoryArtifactError naming `source`
 */
export function decodeRecord(bytes: Buffer, source: string, maxJsonBytes = MAX_RECORD_JSON_BYTES): RunRecord {
  const json = gunzipBounded(bytes, source, maxJsonBytes)
  let raw: unknown
  try {
    raw = JSON.parse(json.toString('utf8'))
  } catch (err) {
    throw new HistoryArtifactError(source, 'corrupt', `not valid JSON (${(err as Error).message})`)
  }
  return parseRunRecord(raw, source)
}
