/*
 * Reads a socket that a server accepted into a caller-owned buffer (`onread`), as Node offers for sockets it dials.
 *
 * Why: Node reads accepted sockets with `data` events, which take a fresh 64 KiB buffer per read (allocation, page
 * faults, GC) and cap each read at 64 KiB. On the proxy's client side, which carries uploads, that cost about four
 * times the CPU per MB of the upstream side read with `onread` (1.9 vs 0.5 ms/MB in bench/chaos-proxy.bench.ts on
 * 2026-11-23), and uploads lost over 60 % throughput against a direct connection. Counted for a 128 MiB upload:
 * 2,148 reads, 2,060 writes and 396 brk calls, 76 page faults per MB; re-wrapped, 615 reads, 539 writes, 5 page
 * faults per MB, and the relay's CPU per MB fell to that of the download side (0.4–0.6 ms/MB, nearly all kernel
 * copying).
 *
 * How: the server is created with `pauseOnConnect: true`, so the accepted socket has not started reading. Its TCP
 * handle is wrapped again in `new net.Socket({ handle, onread })` — what Node's own `onconnection` does, plus
 * `onread` — and the accepted socket, detached from the handle, is kept only for the server's books.
 *
 * This leans on Node internals, so it is guarded:
 *  - `onread` in the Socket constructor is public (net docs), and the constructor applies it to a handle it is given
 *    in the same function (`initSocketHandle`) that serves the public `fd` option. The `handle` option and the
 *    accepted socket's `_handle` are private. If `_handle` is not a handle with the expected methods, or the new
 *    socket did not adopt it, `adoptAcceptedSocket` returns null, leaves the accepted socket as it was (paused) and
 *    the caller reads it with `data` events: slower, never wrong.
 *  - The server counts the accepted socket (`getConnections`, and `close()` calls back only once the count is 0).
 *    The accepted socket is destroyed (without a handle: nothing to close) when the new socket closes, so the count
 *    falls exactly when the connection is really gone.
 * Checked against lib/net.js of Node 20.20.2 and 24.21.0 (read from the binaries: the Socket constructor's handle
 * branch for a plain TCP handle, initSocketHandle, onconnection's books and _destroy are the same in both), and the
 * chaos tests pass on both with the fast path in use (test/integration/chaos/accepted-socket.test.ts checks the byte
 * path, the toxics in both directions and the server's books, for this path and for the `data` fallback).
 */
import net from 'node:net'

/** What a libuv stream handle must offer for the re-wrap to be safe. */
interface StreamHandle {
  readStart(): number
  readStop(): number
  useUserBuffer(buffer: Uint8Array): void
  close(callback?: () => void): void
}

/** `net.Socket` as seen by this module: the private handle slot (read and cleared, nothing else). */
type WithHandle = net.Socket & { _handle?: unknown }

/** Constructor options Node accepts at run time; @types/node lists neither `handle` nor `highWaterMark` here. */
type AdoptOptions = net.SocketConstructorOpts & {
  handle: StreamHandle
  onread: net.OnReadOpts
  highWaterMark: number
}

function isStreamHandle(h: unknown): h is StreamHandle {
  if (typeof h !== 'object' || h === null) return false
  const r = h as Record<string, unknown>
  return (
    typeof r.readStart === 'function' &&
    typeof r.readStop === 'function' &&
    typeof r.useUserBuffer === 'function' &&
    typeof r.close === 'function'
  )
}

/** How the connection's client side is read. */
export type ClientReads = 'onread' | 'data'

/**
 * Moves the connection of `accepted` (from a server created with `pauseOnConnect: true`, not yet read) to a new
 * socket that reads into `onread.buffer`. Returns the new socket, which owns the connection from here on (write to
 * it, end it, destroy it); `accepted` stays only as the server's record and is destroyed when the new socket
 * closes. Returns null when this Node does not allow it; `accepted` is then untouched and still paused.
 */
export function adoptAcceptedSocket(
  accepted: net.Socket,
  onread: net.OnReadOpts,
  options: { allowHalfOpen: boolean; highWaterMark: number },
): net.Socket | null {
  const slot = accepted as WithHandle
  const handle = slot._handle
  if (!isStreamHandle(handle) || accepted.destroyed || !accepted.isPaused()) return null
  const adoptOptions: AdoptOptions = {
    handle,
    onread,
    allowHalfOpen: options.allowHalfOpen,
    readable: true,
    writable: true,
    highWaterMark: options.highWaterMark,
  }
  let socket: WithHandle
  try {
    socket = new net.Socket(adoptOptions)
  } catch {
    return null
  }
  if (socket._handle !== handle) {
    // Not the constructor this was written for. If it ignored the handle, the accepted socket still owns it and the
    // caller falls back to it; if it wrapped the handle somehow, destroying may end this one connection, which is
    // better than reading through code this module does not know.
    socket.destroy()
    return null
  }
  // From here the handle belongs to the new socket: the accepted one must never close or read it.
  slot._handle = null
  socket.once('close', () => accepted.destroy())
  return socket
}
