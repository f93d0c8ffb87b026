/*
 * One direction of one proxied TCP connection, with its chain of toxics applied to the real byte stream.
 *
 * Hand-written on node:net because no maintained Node package implements Toxiproxy's toxics (checked on npm:
 * tcp-proxy.js and node-tcp-proxy are plain pipes, @testcontainers/toxiproxy drives the Go binary in Docker).
 *
 * With no active toxic, bytes take a fast path: each chunk is written straight to the destination in the read
 * callback (no queue, timer, promise or allocation per chunk), and the source stops reading while the destination has
 * unflushed bytes, so the kernel's socket buffers do the buffering, as with `pipe`. A read into a connection's reusable
 * buffer (`pushBorrowed`) is written without copying: reading pauses until that write is flushed, since the next read
 * would overwrite it. The switch to the chain is atomic on the single JS thread: the first chunk read after a toxic
 * becomes active takes the chain, and the fast path resumes only once the chain's queue has drained, so order holds.
 * With toxics, chunks are copied into a queue (bounded: the source is paused above a high-water mark) and one
 * sequential pump pushes each chunk through the chain. Each chunk keeps its arrival time, so latency is measured from
 * arrival (pipelined, not cumulative), as Toxiproxy does. A change to the chain wakes every waiting toxic, so a
 * removed toxic releases its held data at once and an updated one re-reads its attributes.
 */
import type { Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import {
  bandwidthDelayMs,
  bandwidthSliceBytes,
  latencyDelayMs,
  sliceBoundaries,
  type StreamDirection,
  type ToxicJson,
} from './toxics.js'

/** A toxic shared by all links of a proxy; `json` is replaced on update, so links always read the latest. */
export interface ToxicHandle {
  json: ToxicJson
  removed: boolean
}

/** What a link needs from its connection: ways to end the whole connection. */
export interface ConnectionControl {
  /** Graceful: flush what was written, then FIN both sockets. */
  close(): void
  /** Abrupt: TCP RST on both sockets. */
  reset(): void
}

interface Chunk {
  data: Buffer
  /** performance.now() when the chunk arrived or last left a delaying toxic. */
  ts: number
}

interface LinkToxic {
  readonly handle: ToxicHandle
  /** Sampled per link against `toxicity` when added and on every update (as Toxiproxy re-rolls on update). */
  active: boolean
  bandwidthNextFree: number
  bytesTransmitted: number
  resetTriggered: boolean
  timer: NodeJS.Timeout | null
}

const HIGH_WATER_BYTES = 1 << 20
const LOW_WATER_BYTES = 1 << 18

export class Link {
  private readonly queue: Array<Chunk | null> = []
  private queuedBytes = 0
  private pumping = false
  private entries: LinkToxic[] = []
  private changed = new AbortController()
  private pausedByQueue = false
  /** The fast path paused the source until the destination flushes (its `drain`). */
  private pausedForDrain = false
  /** Entries with `active` set: the fast path's only test per chunk. */
  private activeCount = 0
  private finished = false
  private closed = false

  constructor(
    readonly direction: StreamDirection,
    private readonly source: Socket,
    private readonly dest: Socket,
    private readonly connection: ConnectionControl,
    private readonly random: () => number,
    private readonly onEnded: () => void,
  ) {
    dest.on('drain', this.flushed)
  }

  /**
   * The destination's `drain`, and the callback of every borrowed write: a write that stayed below the
   * high-water mark gets no `drain`, so its own callback must be able to restart reading.
   */
  private readonly flushed = (): void => {
    if (!this.pausedForDrain || this.dest.writableLength > 0) return
    this.pausedForDrain = false
    if (!this.pausedByQueue && !this.closed) this.source.resume()
  }

  /**
   * Starts moving bytes with the proxy's current toxics for this direction. With `ownReads` the caller feeds data
   * through `push` (a socket created with `onread`); otherwise the link listens to `data` events.
   */
  start(toxics: readonly ToxicHandle[], ownReads = false): void {
    for (const t of toxics) this.addToxic(t)
    if (!ownReads) this.source.on('data', (buf: Buffer) => this.push(buf))
    this.source.on('end', () => this.enqueue(null))
  }

  /** True once the end of the stream was passed on to the destination. */
  get ended(): boolean {
    return this.finished
  }

  addToxic(handle: ToxicHandle): void {
    const entry: LinkToxic = {
      handle,
      active: this.random() < handle.json.toxicity,
      bandwidthNextFree: 0,
      bytesTransmitted: 0,
      resetTriggered: false,
      timer: null,
    }
    this.entries = [...this.entries, entry]
    if (entry.active) this.activeCount++
    this.armTimeout(entry)
    this.notifyChange()
  }

  /** The toxic's attributes or toxicity changed: re-sample whether it affects this link, wake waiting toxics. */
  updateToxic(handle: ToxicHandle): void {
    const entry = this.entries.find((e) => e.handle === handle)
    if (entry !== undefined) {
      const active = this.random() < handle.json.toxicity
      this.activeCount += Number(active) - Number(entry.active)
      entry.active = active
      this.armTimeout(entry)
    }
    this.notifyChange()
  }

  private armTimeout(entry: LinkToxic): void {
    const { type, attributes } = entry.handle.json
    const wanted = entry.active && type === 'timeout' && (attributes.timeout ?? 0) > 0
    if (!wanted && entry.timer !== null) {
      clearTimeout(entry.timer)
      entry.timer = null
    } else if (wanted && entry.timer === null) {
      entry.timer = setTimeout(() => this.connection.close(), attributes.timeout)
      entry.timer.unref()
    }
  }

  removeToxic(handle: ToxicHandle): void {
    const entry = this.entries.find((e) => e.handle === handle)
    if (entry === undefined) return
    this.entries = this.entries.filter((e) => e !== entry)
    if (entry.active) this.activeCount--
    if (entry.timer !== null) clearTimeout(entry.timer)
    // As Toxiproxy's timeout toxic: the data it swallowed is gone, so lifting it closes the connection.
    if (entry.active && handle.json.type === 'timeout') this.connection.close()
    this.notifyChange()
  }

  /** Wakes every waiting toxic so it re-reads its attributes (update) or releases its data (removal). */
  notifyChange(): void {
    const previous = this.changed
    this.changed = new AbortController()
    previous.abort()
  }

  /** Stops all timers; called when the connection is gone. */
  dispose(): void {
    this.closed = true
    for (const e of this.entries) if (e.timer !== null) clearTimeout(e.timer)
    this.notifyChange()
  }

  /** No active toxic and nothing queued: chunks may go straight to the destination. */
  private get fast(): boolean {
    return this.activeCount === 0 && !this.pumping && this.queue.length === 0
  }

  /** Takes one chunk read from the source; the link owns `buf` from here on. */
  push(buf: Buffer): void {
    if (this.closed) return
    if (this.fast) {
      if (!this.dest.write(buf)) this.pauseForDrain()
      return
    }
    this.enqueue({ data: buf, ts: performance.now() })
  }

  /**
   * Takes one chunk that lives in the caller's reusable read buffer (a socket read with `onread`). Returns false
   * when the source must stop reading (`onread` pauses the socket then): the buffer is still referenced by a write
   * that has not reached the kernel yet, or the chain's queue is full.
   */
  pushBorrowed(view: Buffer): boolean {
    if (this.closed) return true
    if (this.fast) {
      this.dest.write(view, this.flushed)
      // Fully written to the kernel during the call: the buffer is free for the next read.
      if (this.dest.writableLength === 0) return true
      this.pausedForDrain = true
      return false
    }
    this.enqueue({ data: Buffer.from(view), ts: performance.now() })
    return !this.pausedByQueue
  }

  private pauseForDrain(): void {
    this.pausedForDrain = true
    this.source.pause()
  }

  private enqueue(item: Chunk | null): void {
    if (this.closed) return
    this.queue.push(item)
    if (item !== null) {
      this.queuedBytes += item.data.length
      if (this.queuedBytes > HIGH_WATER_BYTES && !this.pausedByQueue) {
        this.pausedByQueue = true
        this.source.pause()
      }
    }
    if (!this.pumping) void this.pump()
  }

  private async pump(): Promise<void> {
    this.pumping = true
    try {
      while (this.queue.length > 0 && !this.closed) {
        const item = this.queue.shift()!
        if (item === null) {
          await this.passEnd(0)
          return
        }
        this.queuedBytes -= item.data.length
        if (this.pausedByQueue && this.queuedBytes < LOW_WATER_BYTES) {
          this.pausedByQueue = false
          if (!this.pausedForDrain) this.source.resume()
        }
        await this.pass(0, item)
      }
    } catch {
      // A socket error mid-write: the connection's error handler tears everything down.
    } finally {
      this.pumping = false
    }
  }

  private nextActive(from: number, snapshot: readonly LinkToxic[]): number {
    for (let i = from; i < snapshot.length; i++)
      if (snapshot[i]!.active && !snapshot[i]!.handle.removed) return i
    return -1
  }

  /** Passes a chunk into the chain from position `from` (of the chain as it is now). */
  private async pass(
    from: number,
    chunk: Chunk,
    snapshot: readonly LinkToxic[] = this.entries,
  ): Promise<void> {
    if (this.closed) return
    const i = this.nextActive(from, snapshot)
    if (i < 0) {
      await this.write(chunk.data)
      return
    }
    const entry = snapshot[i]!
    const next = (c: Chunk): Promise<void> => this.pass(i + 1, c, snapshot)
    const inChain = (): boolean => !entry.handle.removed && this.entries.includes(entry) && !this.closed
    const attrs = (): Record<string, number> => entry.handle.json.attributes
    switch (entry.handle.json.type) {
      case 'latency': {
        for (let guard = 0; guard < 10_000 && inChain(); guard++) {
          const target = chunk.ts + latencyDelayMs(attrs().latency ?? 0, attrs().jitter ?? 0, this.random())
          const wait = target - performance.now()
          if (wait <= 0) break
          if (await this.sleep(wait)) break
        }
        return next({ data: chunk.data, ts: performance.now() })
      }
      case 'bandwidth': {
        let offset = 0
        while (offset < chunk.data.length) {
          const rate = attrs().rate ?? 0
          if (!inChain() || rate <= 0) return next({ data: chunk.data.subarray(offset), ts: chunk.ts })
          const piece = chunk.data.subarray(offset, offset + bandwidthSliceBytes(rate))
          entry.bandwidthNextFree =
            Math.max(performance.now(), entry.bandwidthNextFree) + bandwidthDelayMs(piece.length, rate)
          const wait = entry.bandwidthNextFree - performance.now()
          if (wait > 0 && !(await this.sleep(wait))) {
            // Woken by a chain change: loop re-reads the rate or leaves when removed.
            if (!inChain()) return next({ data: chunk.data.subarray(offset), ts: chunk.ts })
          }
          offset += piece.length
          await next({ data: piece, ts: chunk.ts })
        }
        return
      }
      case 'slicer': {
        const cuts = sliceBoundaries(
          chunk.data.length,
          attrs().average_size ?? 1,
          attrs().size_variation ?? 0,
          this.random,
        )
        for (let k = 1; k < cuts.length; k++) {
          await next({ data: chunk.data.subarray(cuts[k - 1], cuts[k]), ts: chunk.ts })
          if (k === cuts.length - 1) break
          if (!inChain()) return next({ data: chunk.data.subarray(cuts[k]), ts: chunk.ts })
          const delayMs = (attrs().delay ?? 0) / 1000
          if (delayMs > 0) await this.sleep(delayMs)
          else await new Promise<void>((resolve) => setImmediate(resolve))
        }
        return
      }
      case 'limit_data': {
        const limit = attrs().bytes ?? 0
        const remaining = Math.max(0, limit - entry.bytesTransmitted)
        const data = chunk.data.length > remaining ? chunk.data.subarray(0, remaining) : chunk.data
        if (data.length > 0) {
          entry.bytesTransmitted += data.length
          await next({ data, ts: chunk.ts })
        }
        if (limit - entry.bytesTransmitted <= 0) this.connection.close()
        return
      }
      case 'timeout':
        // Data is swallowed while the toxic is on.
        return
      case 'reset_peer': {
        if (entry.resetTriggered) return
        entry.resetTriggered = true
        const timeout = attrs().timeout ?? 0
        if (timeout > 0) await new Promise<void>((resolve) => setTimeout(resolve, timeout).unref())
        this.connection.reset()
        return
      }
      case 'slow_close':
        return next(chunk)
    }
  }

  /** Passes the end of the stream through the chain: slow_close holds it, timeout/limit_data close instead. */
  private async passEnd(from: number): Promise<void> {
    const snapshot = this.entries
    for (let i = this.nextActive(from, snapshot); i >= 0; i = this.nextActive(i + 1, snapshot)) {
      const entry = snapshot[i]!
      if (entry.handle.json.type === 'slow_close') {
        const until = performance.now() + (entry.handle.json.attributes.delay ?? 0)
        for (let guard = 0; guard < 10_000 && !entry.handle.removed && !this.closed; guard++) {
          const wait = until - performance.now()
          if (wait <= 0 || (await this.sleep(wait))) break
        }
      } else if (entry.handle.json.type === 'timeout' || entry.handle.json.type === 'limit_data') {
        this.connection.close()
        return
      }
    }
    if (this.closed) return
    this.finished = true
    this.dest.end()
    this.onEnded()
  }

  private write(data: Buffer): Promise<void> {
    if (this.dest.destroyed || this.dest.writableEnded) return Promise.resolve()
    if (this.dest.write(data)) return Promise.resolve()
    return new Promise((resolve) => {
      const done = (): void => {
        this.dest.off('drain', done)
        this.dest.off('close', done)
        resolve()
      }
      this.dest.on('drain', done)
      this.dest.on('close', done)
    })
  }

  /** Sleeps `ms`; resolves true when the time passed, false when woken early by a chain change or close. */
  private sleep(ms: number): Promise<boolean> {
    const signal = this.changed.signal
    if (signal.aborted || this.closed) return Promise.resolve(false)
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort)
        resolve(true)
      }, ms)
      const onAbort = (): void => {
        clearTimeout(timer)
        resolve(false)
      }
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }
}
