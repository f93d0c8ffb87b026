import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);

// src/chaos/constants.ts
var EMBEDDED_PROXY_VERSION = "gauntlet-embedded-1";
var TOXIC_NAME_PREFIX = "gauntlet_";
var ENV_CHAOS_EXPERIMENT = "GAUNTLET_CHAOS_EXPERIMENT";
var ENV_CHAOS_API_URL = "GAUNTLET_CHAOS_API";
var JOURNAL_DIR = "chaos";
function journalFileName(experiment) {
  return `${experiment}.journal.json`;
}
var TOXIPROXY_DEFAULT_PORT = 8474;
var BROWSER_UA_PREFIX = "Mozilla/";

// src/chaos/proxy/embedded-server.ts
import http from "node:http";

// src/chaos/proxy/proxy.ts
import net from "node:net";

// src/chaos/proxy/link.ts
import { performance } from "node:perf_hooks";

// src/chaos/proxy/toxics.ts
var TOXIC_TYPES = [
  "latency",
  "bandwidth",
  "slow_close",
  "timeout",
  "reset_peer",
  "slicer",
  "limit_data"
];
var TOXIC_ATTRIBUTES = {
  latency: ["latency", "jitter"],
  bandwidth: ["rate"],
  slow_close: ["delay"],
  timeout: ["timeout"],
  reset_peer: ["timeout"],
  slicer: ["average_size", "size_variation", "delay"],
  limit_data: ["bytes"]
};
var API_ERRORS = {
  badRequestBody: (detail) => ({ error: `bad request body: ${detail}`, status: 400 }),
  missingField: (field) => ({ error: `missing required field: ${field}`, status: 400 }),
  proxyNotFound: { error: "proxy not found", status: 404 },
  proxyExists: { error: "proxy already exists", status: 409 },
  invalidStream: { error: "stream was invalid, can be either upstream or downstream", status: 400 },
  invalidToxicType: { error: "invalid toxic type", status: 400 },
  toxicExists: { error: "toxic already exists", status: 409 },
  toxicNotFound: { error: "toxic not found", status: 404 }
};
function isRecord(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function isToxicType(v) {
  return typeof v === "string" && TOXIC_TYPES.includes(v);
}
function readAttributes(type, raw, base) {
  const out = {};
  for (const key of TOXIC_ATTRIBUTES[type]) out[key] = base[key] ?? 0;
  if (raw === void 0 || raw === null) return out;
  if (!isRecord(raw)) return API_ERRORS.badRequestBody("attributes must be an object");
  for (const key of TOXIC_ATTRIBUTES[type]) {
    const value = raw[key];
    if (value === void 0) continue;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      return API_ERRORS.badRequestBody(`attribute ${key} must be an integer, found ${JSON.stringify(value)}`);
    }
    out[key] = value;
  }
  return out;
}
function parseToxicCreate(body, exists) {
  if (!isRecord(body)) return API_ERRORS.badRequestBody("expected a JSON object");
  const streamRaw = body.stream ?? "downstream";
  if (typeof streamRaw !== "string") return API_ERRORS.badRequestBody("stream must be a string");
  const stream = streamRaw.toLowerCase();
  if (stream !== "upstream" && stream !== "downstream") return API_ERRORS.invalidStream;
  const toxicity = body.toxicity ?? 1;
  if (typeof toxicity !== "number") return API_ERRORS.badRequestBody("toxicity must be a number");
  if (body.name !== void 0 && typeof body.name !== "string")
    return API_ERRORS.badRequestBody("name must be a string");
  const type = body.type;
  const name = typeof body.name === "string" && body.name !== "" ? body.name : `${String(type)}_${stream}`;
  if (!isToxicType(type)) return API_ERRORS.invalidToxicType;
  if (exists(name)) return API_ERRORS.toxicExists;
  const attributes = readAttributes(type, body.attributes, {});
  if ("error" in attributes) return attributes;
  return { attributes, name, type, stream, toxicity };
}
function parseToxicUpdate(current, body) {
  if (!isRecord(body)) return API_ERRORS.badRequestBody("expected a JSON object");
  const toxicity = body.toxicity ?? current.toxicity;
  if (typeof toxicity !== "number") return API_ERRORS.badRequestBody("toxicity must be a number");
  const attributes = readAttributes(current.type, body.attributes, current.attributes);
  if ("error" in attributes) return attributes;
  return { ...current, attributes, toxicity };
}
function latencyDelayMs(latency, jitter, random) {
  const j = jitter > 0 ? Math.floor(random * jitter * 2) - jitter : 0;
  return Math.max(0, latency + j);
}
function bandwidthDelayMs(bytes, rateKBps) {
  return rateKBps <= 0 ? 0 : bytes / rateKBps;
}
function bandwidthSliceBytes(rateKBps) {
  return Math.max(1, Math.floor(rateKBps * 100));
}
function sliceBoundaries(length, averageSize, sizeVariation, random) {
  const avg = Math.max(1, averageSize);
  const out = [0];
  const stack = [[0, length]];
  while (stack.length > 0) {
    const [start, end] = stack.pop();
    if (end - start - avg <= sizeVariation || end - start <= 1) {
      out.push(end);
      continue;
    }
    let mid = start + Math.floor((end - start) / 2);
    if (sizeVariation > 0) mid += Math.floor(random() * sizeVariation * 2) - sizeVariation;
    mid = Math.min(end - 1, Math.max(start + 1, mid));
    stack.push([mid, end], [start, mid]);
  }
  return out;
}

// src/chaos/proxy/link.ts
var HIGH_WATER_BYTES = 1 << 20;
var LOW_WATER_BYTES = 1 << 18;
var Link = class {
  constructor(direction, source, dest, connection, random, onEnded) {
    this.direction = direction;
    this.source = source;
    this.dest = dest;
    this.connection = connection;
    this.random = random;
    this.onEnded = onEnded;
    dest.on("drain", this.flushed);
  }
  direction;
  source;
  dest;
  connection;
  random;
  onEnded;
  queue = [];
  queuedBytes = 0;
  pumping = false;
  entries = [];
  changed = new AbortController();
  pausedByQueue = false;
  /** The fast path paused the source until the destination flushes (its `drain`). */
  pausedForDrain = false;
  /** Entries with `active` set: the fast path's only test per chunk. */
  activeCount = 0;
  finished = false;
  closed = false;
  /**
   * The destination's `drain`, and the callback of every borrowed write: a write that stayed below the
   * high-water mark gets no `drain`, so its own callback must be able to restart reading.
   */
  flushed = () => {
    if (!this.pausedForDrain || this.dest.writableLength > 0) return;
    this.pausedForDrain = false;
    if (!this.pausedByQueue && !this.closed) this.source.resume();
  };
  /**
   * Starts moving bytes with the proxy's current toxics for this direction. With `ownReads` the caller feeds data
   * through `push` (a socket created with `onread`); otherwise the link listens to `data` events.
   */
  start(toxics, ownReads = false) {
    for (const t of toxics) this.addToxic(t);
    if (!ownReads) this.source.on("data", (buf) => this.push(buf));
    this.source.on("end", () => this.enqueue(null));
  }
  /** True once the end of the stream was passed on to the destination. */
  get ended() {
    return this.finished;
  }
  addToxic(handle) {
    const entry = {
      handle,
      active: this.random() < handle.json.toxicity,
      bandwidthNextFree: 0,
      bytesTransmitted: 0,
      resetTriggered: false,
      timer: null
    };
    this.entries = [...this.entries, entry];
    if (entry.active) this.activeCount++;
    this.armTimeout(entry);
    this.notifyChange();
  }
  /** The toxic's attributes or toxicity changed: re-sample whether it affects this link, wake waiting toxics. */
  updateToxic(handle) {
    const entry = this.entries.find((e) => e.handle === handle);
    if (entry !== void 0) {
      const active = this.random() < handle.json.toxicity;
      this.activeCount += Number(active) - Number(entry.active);
      entry.active = active;
      this.armTimeout(entry);
    }
    this.notifyChange();
  }
  armTimeout(entry) {
    const { type, attributes } = entry.handle.json;
    const wanted = entry.active && type === "timeout" && (attributes.timeout ?? 0) > 0;
    if (!wanted && entry.timer !== null) {
      clearTimeout(entry.timer);
      entry.timer = null;
    } else if (wanted && entry.timer === null) {
      entry.timer = setTimeout(() => this.connection.close(), attributes.timeout);
      entry.timer.unref();
    }
  }
  removeToxic(handle) {
    const entry = this.entries.find((e) => e.handle === handle);
    if (entry === void 0) return;
    this.entries = this.entries.filter((e) => e !== entry);
    if (entry.active) this.activeCount--;
    if (entry.timer !== null) clearTimeout(entry.timer);
    if (entry.active && handle.json.type === "timeout") this.connection.close();
    this.notifyChange();
  }
  /** Wakes every waiting toxic so it re-reads its attributes (update) or releases its data (removal). */
  notifyChange() {
    const previous = this.changed;
    this.changed = new AbortController();
    previous.abort();
  }
  /** Stops all timers; called when the connection is gone. */
  dispose() {
    this.closed = true;
    for (const e of this.entries) if (e.timer !== null) clearTimeout(e.timer);
    this.notifyChange();
  }
  /** No active toxic and nothing queued: chunks may go straight to the destination. */
  get fast() {
    return this.activeCount === 0 && !this.pumping && this.queue.length === 0;
  }
  /** Takes one chunk read from the source; the link owns `buf` from here on. */
  push(buf) {
    if (this.closed) return;
    if (this.fast) {
      if (!this.dest.write(buf)) this.pauseForDrain();
      return;
    }
    this.enqueue({ data: buf, ts: performance.now() });
  }
  /**
   * Takes one chunk that lives in the caller's reusable read buffer (a socket read with `onread`). Returns false
   * when the source must stop reading (`onread` pauses the socket then): the buffer is still referenced by a write
   * that has not reached the kernel yet, or the chain's queue is full.
   */
  pushBorrowed(view) {
    if (this.closed) return true;
    if (this.fast) {
      this.dest.write(view, this.flushed);
      if (this.dest.writableLength === 0) return true;
      this.pausedForDrain = true;
      return false;
    }
    this.enqueue({ data: Buffer.from(view), ts: performance.now() });
    return !this.pausedByQueue;
  }
  pauseForDrain() {
    this.pausedForDrain = true;
    this.source.pause();
  }
  enqueue(item) {
    if (this.closed) return;
    this.queue.push(item);
    if (item !== null) {
      this.queuedBytes += item.data.length;
      if (this.queuedBytes > HIGH_WATER_BYTES && !this.pausedByQueue) {
        this.pausedByQueue = true;
        this.source.pause();
      }
    }
    if (!this.pumping) void this.pump();
  }
  async pump() {
    this.pumping = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const item = this.queue.shift();
        if (item === null) {
          await this.passEnd(0);
          return;
        }
        this.queuedBytes -= item.data.length;
        if (this.pausedByQueue && this.queuedBytes < LOW_WATER_BYTES) {
          this.pausedByQueue = false;
          if (!this.pausedForDrain) this.source.resume();
        }
        await this.pass(0, item);
      }
    } catch {
    } finally {
      this.pumping = false;
    }
  }
  nextActive(from, snapshot) {
    for (let i = from; i < snapshot.length; i++)
      if (snapshot[i].active && !snapshot[i].handle.removed) return i;
    return -1;
  }
  /** Passes a chunk into the chain from position `from` (of the chain as it is now). */
  async pass(from, chunk, snapshot = this.entries) {
    if (this.closed) return;
    const i = this.nextActive(from, snapshot);
    if (i < 0) {
      await this.write(chunk.data);
      return;
    }
    const entry = snapshot[i];
    const next = (c) => this.pass(i + 1, c, snapshot);
    const inChain = () => !entry.handle.removed && this.entries.includes(entry) && !this.closed;
    const attrs = () => entry.handle.json.attributes;
    switch (entry.handle.json.type) {
      case "latency": {
        for (let guard = 0; guard < 1e4 && inChain(); guard++) {
          const target = chunk.ts + latencyDelayMs(attrs().latency ?? 0, attrs().jitter ?? 0, this.random());
          const wait = target - performance.now();
          if (wait <= 0) break;
          if (await this.sleep(wait)) break;
        }
        return next({ data: chunk.data, ts: performance.now() });
      }
      case "bandwidth": {
        let offset = 0;
        while (offset < chunk.data.length) {
          const rate = attrs().rate ?? 0;
          if (!inChain() || rate <= 0) return next({ data: chunk.data.subarray(offset), ts: chunk.ts });
          const piece = chunk.data.subarray(offset, offset + bandwidthSliceBytes(rate));
          entry.bandwidthNextFree = Math.max(performance.now(), entry.bandwidthNextFree) + bandwidthDelayMs(piece.length, rate);
          const wait = entry.bandwidthNextFree - performance.now();
          if (wait > 0 && !await this.sleep(wait)) {
            if (!inChain()) return next({ data: chunk.data.subarray(offset), ts: chunk.ts });
          }
          offset += piece.length;
          await next({ data: piece, ts: chunk.ts });
        }
        return;
      }
      case "slicer": {
        const cuts = sliceBoundaries(
          chunk.data.length,
          attrs().average_size ?? 1,
          attrs().size_variation ?? 0,
          this.random
        );
        for (let k = 1; k < cuts.length; k++) {
          await next({ data: chunk.data.subarray(cuts[k - 1], cuts[k]), ts: chunk.ts });
          if (k === cuts.length - 1) break;
          if (!inChain()) return next({ data: chunk.data.subarray(cuts[k]), ts: chunk.ts });
          const delayMs = (attrs().delay ?? 0) / 1e3;
          if (delayMs > 0) await this.sleep(delayMs);
          else await new Promise((resolve) => setImmediate(resolve));
        }
        return;
      }
      case "limit_data": {
        const limit = attrs().bytes ?? 0;
        const remaining = Math.max(0, limit - entry.bytesTransmitted);
        const data = chunk.data.length > remaining ? chunk.data.subarray(0, remaining) : chunk.data;
        if (data.length > 0) {
          entry.bytesTransmitted += data.length;
          await next({ data, ts: chunk.ts });
        }
        if (limit - entry.bytesTransmitted <= 0) this.connection.close();
        return;
      }
      case "timeout":
        return;
      case "reset_peer": {
        if (entry.resetTriggered) return;
        entry.resetTriggered = true;
        const timeout = attrs().timeout ?? 0;
        if (timeout > 0) await new Promise((resolve) => setTimeout(resolve, timeout).unref());
        this.connection.reset();
        return;
      }
      case "slow_close":
        return next(chunk);
    }
  }
  /** Passes the end of the stream through the chain: slow_close holds it, timeout/limit_data close instead. */
  async passEnd(from) {
    const snapshot = this.entries;
    for (let i = this.nextActive(from, snapshot); i >= 0; i = this.nextActive(i + 1, snapshot)) {
      const entry = snapshot[i];
      if (entry.handle.json.type === "slow_close") {
        const until = performance.now() + (entry.handle.json.attributes.delay ?? 0);
        for (let guard = 0; guard < 1e4 && !entry.handle.removed && !this.closed; guard++) {
          const wait = until - performance.now();
          if (wait <= 0 || await this.sleep(wait)) break;
        }
      } else if (entry.handle.json.type === "timeout" || entry.handle.json.type === "limit_data") {
        this.connection.close();
        return;
      }
    }
    if (this.closed) return;
    this.finished = true;
    this.dest.end();
    this.onEnded();
  }
  write(data) {
    if (this.dest.destroyed || this.dest.writableEnded) return Promise.resolve();
    if (this.dest.write(data)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.dest.off("drain", done);
        this.dest.off("close", done);
        resolve();
      };
      this.dest.on("drain", done);
      this.dest.on("close", done);
    });
  }
  /** Sleeps `ms`; resolves true when the time passed, false when woken early by a chain change or close. */
  sleep(ms) {
    const signal = this.changed.signal;
    if (signal.aborted || this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        resolve(true);
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }
};

// src/chaos/proxy/proxy.ts
var READ_BUFFER_MIN_BYTES = 16 * 1024;
var READ_BUFFER_MAX_BYTES = 256 * 1024;
var HIGH_WATER_MARK_BYTES = 256 * 1024;
var GrowingReadBuffer = class {
  buffer = Buffer.allocUnsafe(READ_BUFFER_MIN_BYTES);
  filled = false;
  /** Records a read of `n` bytes into the current buffer; returns them as a view. */
  view(n) {
    this.filled = n === this.buffer.length;
    return this.buffer.subarray(0, n);
  }
  /**
   * The buffer for the next read (`onread.buffer`, called after each read). A grown buffer is a new allocation, so
   * a pending write of the old one stays intact.
   */
  next = () => {
    if (this.filled && this.buffer.length < READ_BUFFER_MAX_BYTES) {
      this.buffer = Buffer.allocUnsafe(Math.min(READ_BUFFER_MAX_BYTES, this.buffer.length * 2));
    }
    this.filled = false;
    return this.buffer;
  };
};
function splitHostPort(address) {
  const m = /^(?:\[([^\]]*)\]|([^:]*)):(\d{1,5})$/.exec(address.trim());
  if (m === null) return null;
  const port = Number(m[3]);
  if (port > 65535) return null;
  return { host: m[1] ?? m[2] ?? "", port };
}
function isLoopbackHost(host) {
  const h = host.toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
function formatAddress(address, port) {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}
var ListenError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
    this.name = "ListenError";
  }
  status;
};
var Connection = class {
  constructor(client, upstream, onGone) {
    this.client = client;
    this.upstream = upstream;
    this.onGone = onGone;
    const teardown = () => this.destroy();
    for (const s of [client, upstream]) {
      s.on("error", teardown);
      s.on("close", teardown);
    }
  }
  client;
  upstream;
  onGone;
  links = [];
  done = false;
  linkFor(direction) {
    return this.links.find((l) => l.direction === direction);
  }
  /** Both directions ended normally: release both sockets once flushed. */
  checkEnded() {
    if (this.links.every((l) => l.ended)) this.close();
  }
  close() {
    if (this.done) return;
    for (const s of [this.client, this.upstream]) s.end();
    setTimeout(() => this.destroy(), 2e3).unref();
  }
  reset() {
    for (const s of [this.client, this.upstream]) {
      try {
        s.resetAndDestroy();
      } catch {
        s.destroy();
      }
    }
    this.destroy();
  }
  destroy() {
    if (this.done) return;
    this.done = true;
    for (const l of this.links) l.dispose();
    this.client.destroy();
    this.upstream.destroy();
    this.onGone(this);
  }
};
var TcpProxy = class {
  constructor(name, listen, upstream, options) {
    this.name = name;
    this.listen = listen;
    this.upstream = upstream;
    this.options = options;
  }
  name;
  listen;
  upstream;
  options;
  enabled = false;
  server = null;
  connections = /* @__PURE__ */ new Set();
  toxics = [];
  toJSON() {
    return {
      name: this.name,
      listen: this.listen,
      upstream: this.upstream,
      enabled: this.enabled,
      toxics: this.toxicList()
    };
  }
  toxicList() {
    return [
      ...this.toxics.filter((t) => t.json.stream === "upstream"),
      ...this.toxics.filter((t) => t.json.stream === "downstream")
    ].map((t) => t.json);
  }
  getToxic(name) {
    return this.toxics.find((t) => t.json.name === name)?.json;
  }
  /** Starts listening; resolves with the actual address (port 0 becomes the chosen port). */
  async start() {
    if (this.enabled) return;
    const addr = splitHostPort(this.listen === "" ? "127.0.0.1:0" : this.listen);
    if (addr === null)
      throw new ListenError(`listen address ${JSON.stringify(this.listen)} is not host:port`, 400);
    const host = addr.host === "" ? "0.0.0.0" : addr.host;
    if (!this.options.allowRemote && !isLoopbackHost(host)) {
      throw new ListenError(
        `listen address ${this.listen} is not a loopback address; the embedded proxy listens on loopback only unless stages.chaos.allow-remote is true (or --allow-remote is given)`,
        400
      );
    }
    const server = net.createServer(
      { allowHalfOpen: true, noDelay: true, highWaterMark: HIGH_WATER_MARK_BYTES },
      (client) => this.accept(client)
    );
    await new Promise((resolve, reject) => {
      server.once("error", (err) => reject(new ListenError(`listen tcp ${this.listen}: ${err.message}`, 500)));
      server.listen({ host: host === "localhost" ? "127.0.0.1" : host, port: addr.port }, () => resolve());
    });
    server.on("error", () => void 0);
    const bound = server.address();
    this.listen = formatAddress(bound.address, bound.port);
    this.server = server;
    this.enabled = true;
  }
  /** Stops listening and drops every connection. */
  async stop() {
    if (!this.enabled) return;
    this.enabled = false;
    const server = this.server;
    this.server = null;
    for (const c of [...this.connections]) c.destroy();
    if (server !== null) await new Promise((resolve) => server.close(() => resolve()));
  }
  addToxic(json) {
    const handle = { json, removed: false };
    this.toxics.push(handle);
    for (const c of this.connections) c.linkFor(json.stream)?.addToxic(handle);
  }
  updateToxic(json) {
    const handle = this.toxics.find((t) => t.json.name === json.name);
    if (handle === void 0) return;
    handle.json = json;
    for (const c of this.connections) c.linkFor(json.stream)?.updateToxic(handle);
  }
  removeToxic(name) {
    const index = this.toxics.findIndex((t) => t.json.name === name);
    if (index < 0) return false;
    const handle = this.toxics[index];
    this.toxics.splice(index, 1);
    handle.removed = true;
    for (const c of [...this.connections]) c.linkFor(handle.json.stream)?.removeToxic(handle);
    return true;
  }
  resetToxics() {
    for (const t of [...this.toxics]) this.removeToxic(t.json.name);
  }
  /** Number of open client connections (for tests and the standalone command's status). */
  get connectionCount() {
    return this.connections.size;
  }
  accept(client) {
    const target = splitHostPort(this.upstream);
    if (target === null || !this.enabled) {
      client.destroy();
      return;
    }
    client.setNoDelay(true);
    const readBuffer = new GrowingReadBuffer();
    let down = null;
    const options = {
      host: target.host,
      port: target.port,
      allowHalfOpen: true,
      noDelay: true,
      highWaterMark: HIGH_WATER_MARK_BYTES,
      onread: {
        buffer: readBuffer.next,
        // Returning false pauses the socket; Link resumes it once the borrowed bytes are flushed.
        callback: (n) => down?.pushBorrowed(readBuffer.view(n)) ?? true
      }
    };
    const upstream = net.connect(options);
    const conn = new Connection(client, upstream, (c) => this.connections.delete(c));
    this.connections.add(conn);
    const byDirection = (d) => this.toxics.filter((t) => t.json.stream === d);
    const up = new Link("upstream", client, upstream, conn, this.options.random, () => conn.checkEnded());
    down = new Link("downstream", upstream, client, conn, this.options.random, () => conn.checkEnded());
    conn.links.push(up, down);
    up.start(byDirection("upstream"));
    down.start(byDirection("downstream"), true);
  }
};

// src/chaos/proxy/embedded-server.ts
var MAX_BODY_BYTES = 1 << 20;
var HttpBodyError = class extends Error {
};
function errorReply(e) {
  return { status: e.status, body: e };
}
function isRecord2(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
var EmbeddedToxiproxy = class {
  proxies = /* @__PURE__ */ new Map();
  server = null;
  // API mutations start and stop listeners; running them one at a time keeps the collection consistent.
  queue = Promise.resolve();
  allowRemote;
  random;
  constructor(options = {}) {
    this.allowRemote = options.allowRemote ?? false;
    this.random = options.random ?? Math.random;
  }
  /** Starts the HTTP API on `host:port` (port 0: any free port); returns its base URL. */
  async listen(address = "127.0.0.1:0") {
    const addr = splitHostPort(address);
    if (addr === null) throw new ListenError(`API address ${JSON.stringify(address)} is not host:port`, 400);
    if (!this.allowRemote && !isLoopbackHost(addr.host)) {
      throw new ListenError(`API address ${address} is not loopback; pass allowRemote to permit it`, 400);
    }
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 5e3;
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(
        { host: addr.host === "localhost" ? "127.0.0.1" : addr.host, port: addr.port },
        () => resolve()
      );
    });
    this.server = server;
    const bound = server.address();
    const host = bound.address.includes(":") ? `[${bound.address}]` : bound.address;
    return `http://${host}:${bound.port}`;
  }
  /** Stops the API and every proxy. */
  async close() {
    await this.serial(async () => {
      for (const p of this.proxies.values()) await p.stop();
      this.proxies.clear();
    });
    const server = this.server;
    this.server = null;
    if (server !== null) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    }
  }
  /** The proxy named `name`, for in-process inspection (tests, status output). */
  proxy(name) {
    return this.proxies.get(name);
  }
  serial(fn) {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => void 0);
    return run;
  }
  async handle(req, res) {
    let reply;
    try {
      if ((req.headers["user-agent"] ?? "").startsWith(BROWSER_UA_PREFIX)) {
        reply = { status: 403, text: "User agent not allowed\n" };
      } else {
        const body = await readBody(req);
        reply = await this.serial(
          () => this.route(req.method ?? "GET", new URL(req.url ?? "/", "http://x"), body)
        );
      }
    } catch (err) {
      reply = err instanceof HttpBodyError ? errorReply(API_ERRORS.badRequestBody(err.message)) : { status: 500, body: { error: err instanceof Error ? err.message : String(err), status: 500 } };
    }
    if (reply.text !== void 0) {
      res.writeHead(reply.status, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(reply.text);
    } else if (reply.body !== void 0) {
      res.writeHead(reply.status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(reply.body));
    } else {
      res.writeHead(reply.status);
      res.end();
    }
  }
  async route(method, url, raw) {
    const parts = url.pathname.split("/").filter((p) => p !== "").map(decodeURIComponent);
    const json = () => {
      if (raw.trim() === "") throw new HttpBodyError("EOF");
      try {
        return JSON.parse(raw);
      } catch (e) {
        throw new HttpBodyError(e instanceof Error ? e.message : String(e));
      }
    };
    const allow = (methods, handler) => methods.includes(method) ? handler() : { status: 405, text: "" };
    if (parts.length === 1 && parts[0] === "version") {
      return allow(["GET"], () => ({ status: 200, body: { version: EMBEDDED_PROXY_VERSION } }));
    }
    if (parts.length === 1 && parts[0] === "reset") return allow(["POST"], () => this.reset());
    if (parts.length === 1 && parts[0] === "populate") return allow(["POST"], () => this.populate(json()));
    if (parts[0] !== "proxies" || parts.length > 4 || parts.length >= 3 && parts[2] !== "toxics") {
      return { status: 404, text: "404 page not found\n" };
    }
    if (parts.length === 1) {
      if (method === "GET")
        return { status: 200, body: Object.fromEntries([...this.proxies].map(([n, p]) => [n, p.toJSON()])) };
      return allow(["POST"], () => this.createProxy(json()));
    }
    const name = parts[1];
    const proxy = this.proxies.get(name);
    if (parts.length === 2) {
      if (!["GET", "POST", "PATCH", "DELETE"].includes(method)) return { status: 405, text: "" };
      if (proxy === void 0) return errorReply(API_ERRORS.proxyNotFound);
      if (method === "GET") return { status: 200, body: proxy.toJSON() };
      if (method === "DELETE") {
        await proxy.stop();
        this.proxies.delete(name);
        return { status: 204 };
      }
      return this.updateProxy(proxy, json());
    }
    if (parts.length === 3) {
      if (!["GET", "POST"].includes(method)) return { status: 405, text: "" };
      if (proxy === void 0) return errorReply(API_ERRORS.proxyNotFound);
      if (method === "GET") return { status: 200, body: proxy.toxicList() };
      const parsed = parseToxicCreate(json(), (n) => proxy.getToxic(n) !== void 0);
      if ("error" in parsed) return errorReply(parsed);
      proxy.addToxic(parsed);
      return { status: 200, body: parsed };
    }
    if (!["GET", "POST", "PATCH", "DELETE"].includes(method)) return { status: 405, text: "" };
    if (proxy === void 0) return errorReply(API_ERRORS.proxyNotFound);
    const toxicName = parts[3];
    const toxic = proxy.getToxic(toxicName);
    if (toxic === void 0) return errorReply(API_ERRORS.toxicNotFound);
    if (method === "GET") return { status: 200, body: toxic };
    if (method === "DELETE") {
      proxy.removeToxic(toxicName);
      return { status: 204 };
    }
    const updated = parseToxicUpdate(toxic, json());
    if ("error" in updated) return errorReply(updated);
    proxy.updateToxic(updated);
    return { status: 200, body: updated };
  }
  async reset() {
    for (const p of this.proxies.values()) {
      await p.start();
      p.resetToxics();
    }
    return { status: 204 };
  }
  readProxyInput(body, defaults, where = "") {
    if (!isRecord2(body)) return API_ERRORS.badRequestBody("expected a JSON object");
    for (const key of ["name", "listen", "upstream"]) {
      if (body[key] !== void 0 && typeof body[key] !== "string") {
        return API_ERRORS.badRequestBody(`${key} must be a string`);
      }
    }
    if (body.enabled !== void 0 && typeof body.enabled !== "boolean") {
      return API_ERRORS.badRequestBody("enabled must be a boolean");
    }
    const name = body.name ?? "";
    const upstream = body.upstream ?? defaults.upstream;
    if (name === "" && where !== "update") return API_ERRORS.missingField(`name${where}`);
    if (upstream === "") return API_ERRORS.missingField(`upstream${where === "update" ? "" : where}`);
    return {
      name,
      listen: body.listen ?? defaults.listen,
      upstream,
      enabled: typeof body.enabled === "boolean" ? body.enabled : defaults.enabled
    };
  }
  async createProxy(body) {
    const input = this.readProxyInput(body, { listen: "", upstream: "", enabled: true });
    if ("error" in input) return errorReply(input);
    if (this.proxies.has(input.name)) return errorReply(API_ERRORS.proxyExists);
    const proxy = new TcpProxy(input.name, input.listen, input.upstream, {
      allowRemote: this.allowRemote,
      random: this.random
    });
    try {
      if (input.enabled) await proxy.start();
    } catch (err) {
      return listenFailure(err);
    }
    this.proxies.set(input.name, proxy);
    return { status: 201, body: proxy.toJSON() };
  }
  async updateProxy(proxy, body) {
    const input = this.readProxyInput(
      body,
      { listen: proxy.listen, upstream: proxy.upstream, enabled: proxy.enabled },
      "update"
    );
    if ("error" in input) return errorReply(input);
    try {
      if (differs(proxy, input)) {
        await proxy.stop();
        proxy.listen = input.listen;
        proxy.upstream = input.upstream;
      }
      if (input.enabled !== proxy.enabled) {
        if (input.enabled) await proxy.start();
        else await proxy.stop();
      }
    } catch (err) {
      return listenFailure(err);
    }
    return { status: 200, body: proxy.toJSON() };
  }
  async populate(body) {
    if (!Array.isArray(body)) return errorReply(API_ERRORS.badRequestBody("expected a JSON array of proxies"));
    const inputs = [];
    for (const [i, item] of body.entries()) {
      const input = this.readProxyInput(
        item,
        { listen: "", upstream: "", enabled: true },
        ` at proxy ${i + 1}`
      );
      if ("error" in input) return errorReply(input);
      inputs.push(input);
    }
    const done = [];
    for (const input of inputs) {
      const existing = this.proxies.get(input.name);
      if (existing !== void 0 && !differs(existing, input)) {
        done.push(existing.toJSON());
        continue;
      }
      if (existing !== void 0) await existing.stop();
      const proxy = new TcpProxy(input.name, input.listen, input.upstream, {
        allowRemote: this.allowRemote,
        random: this.random
      });
      try {
        if (input.enabled) await proxy.start();
      } catch (err) {
        const failure = listenFailure(err);
        return { status: failure.status, body: { ...failure.body, proxies: done } };
      }
      this.proxies.set(input.name, proxy);
      done.push(proxy.toJSON());
    }
    return { status: 201, body: { proxies: done } };
  }
};
function differs(proxy, input) {
  const wanted = splitHostPort(input.listen);
  const current = splitHostPort(proxy.listen);
  const sameListen = wanted !== null && current !== null && (wanted.port === 0 || wanted.port === current.port) && (wanted.host === current.host || wanted.host === "localhost" && current.host === "127.0.0.1");
  return !sameListen || input.upstream !== proxy.upstream;
}
function listenFailure(err) {
  const status = err instanceof ListenError ? err.status : 500;
  return { status, body: { error: err instanceof Error ? err.message : String(err), status } };
}
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpBodyError(`request body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

// src/chaos/errors.ts
var ChaosConfigError = class extends Error {
  constructor(key, message) {
    super(`${key}: ${message}`);
    this.key = key;
    this.name = "ChaosConfigError";
  }
  key;
};
var ToxiproxyApiError = class extends Error {
  constructor(method, path, status, detail) {
    super(
      `${method} ${path} failed${status === null ? "" : ` with HTTP ${status}`}: ${detail}. Check that the proxy API is running and reachable (stages.chaos.url / engine).`
    );
    this.method = method;
    this.path = path;
    this.status = status;
    this.name = "ToxiproxyApiError";
  }
  method;
  path;
  status;
};

// src/chaos/toxiproxy-client.ts
var ToxiproxyClient = class {
  base;
  timeoutMs;
  retries;
  constructor(url, options = {}) {
    this.base = url.replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 5e3;
    this.retries = options.retries ?? 2;
  }
  async request(method, path, body) {
    let lastError;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      let res;
      try {
        res = await fetch(`${this.base}${path}`, {
          method,
          headers: { "Content-Type": "application/json", "User-Agent": "gauntlet-chaos" },
          ...body === void 0 ? {} : { body: JSON.stringify(body) },
          signal: AbortSignal.timeout(this.timeoutMs)
        });
      } catch (err) {
        lastError = err;
        if (attempt < this.retries) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
        continue;
      }
      const text = await res.text();
      let data = void 0;
      if (text.trim() !== "") {
        try {
          data = JSON.parse(text);
        } catch {
          data = text;
        }
      }
      return { status: res.status, data };
    }
    const detail = lastError instanceof Error ? lastError.name === "TimeoutError" ? `no answer in ${this.timeoutMs}ms` : lastError.cause?.message ?? lastError.message : String(lastError);
    throw new ToxiproxyApiError(method, path, null, detail);
  }
  async expect(method, path, ok, body) {
    const r = await this.request(method, path, body);
    if (!ok.includes(r.status)) {
      const message = typeof r.data === "object" && r.data !== null && "error" in r.data ? String(r.data.error) : JSON.stringify(r.data ?? "");
      throw new ToxiproxyApiError(method, path, r.status, message);
    }
    return r;
  }
  async version() {
    const r = await this.expect("GET", "/version", [200]);
    if (typeof r.data === "object" && r.data !== null && "version" in r.data) return String(r.data.version);
    return String(r.data);
  }
  async populate(proxies) {
    const r = await this.expect("POST", "/populate", [200, 201], proxies);
    const data = r.data;
    return data.proxies ?? [];
  }
  async getProxy(name) {
    return (await this.expect("GET", `/proxies/${encodeURIComponent(name)}`, [200])).data;
  }
  async listToxics(proxy) {
    return (await this.expect("GET", `/proxies/${encodeURIComponent(proxy)}/toxics`, [200])).data;
  }
  async setEnabled(proxy, enabled) {
    await this.expect("POST", `/proxies/${encodeURIComponent(proxy)}`, [200], { enabled });
  }
  async addToxic(proxy, toxic) {
    const path = `/proxies/${encodeURIComponent(proxy)}/toxics`;
    const r = await this.request("POST", path, toxic);
    if (r.status === 409) return this.updateToxic(proxy, toxic);
    if (r.status !== 200 && r.status !== 201) {
      throw new ToxiproxyApiError("POST", path, r.status, JSON.stringify(r.data ?? ""));
    }
  }
  async updateToxic(proxy, toxic) {
    await this.expect(
      "POST",
      `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(toxic.name)}`,
      [200],
      {
        attributes: toxic.attributes,
        toxicity: toxic.toxicity
      }
    );
  }
  async removeToxic(proxy, name) {
    await this.expect(
      "DELETE",
      `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(name)}`,
      [204, 200, 404]
    );
  }
  async apply(action) {
    switch (action.kind) {
      case "set-enabled":
        return this.setEnabled(action.proxy, action.enabled);
      case "add-toxic":
        return this.addToxic(action.proxy, action.toxic);
      case "update-toxic":
        return this.updateToxic(action.proxy, action.toxic);
      case "remove-toxic":
        return this.removeToxic(action.proxy, action.name);
    }
  }
  async lift(proxy, toxicPrefix) {
    const done = [];
    for (const t of await this.listToxics(proxy)) {
      if (!t.name.startsWith(toxicPrefix)) continue;
      await this.removeToxic(proxy, t.name);
      done.push(`removed toxic ${t.name}`);
    }
    const p = await this.getProxy(proxy);
    if (!p.enabled) {
      await this.setEnabled(proxy, true);
      done.push(`enabled proxy ${proxy}`);
    }
    return done;
  }
};

export {
  TOXIC_NAME_PREFIX,
  ENV_CHAOS_EXPERIMENT,
  ENV_CHAOS_API_URL,
  JOURNAL_DIR,
  journalFileName,
  TOXIPROXY_DEFAULT_PORT,
  ChaosConfigError,
  splitHostPort,
  isLoopbackHost,
  EmbeddedToxiproxy,
  ToxiproxyClient
};
