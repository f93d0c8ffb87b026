/**
 * Loopback receivers for alert channels, shared by the alerts integration tests and the lead's e2e tests.
 * Each checks every payload against the documented format and limits (shared/research/alerting.md) and can
 * be told to answer 500, 429 with Retry-After, respond slowly or reset the connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'

/** What the next request gets; a queue is consumed one per request, then `ok`. */
export type ReceiverBehaviour =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; body?: string; retryAfter?: string }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'reset' }

export interface HttpReceived {
  readonly path: string
  readonly body: unknown
  /** Format violations found in this payload; empty when valid. */
  readonly problems: string[]
}

export interface HttpReceiver {
  readonly url: string
  readonly received: HttpReceived[]
  /** Requests seen, including rejected and reset ones. */
  readonly attempts: () => number
  setBehaviour(...queue: ReceiverBehaviour[]): void
  close(): Promise<void>
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

async function startHttp(
  path: string,
  validate: (body: unknown) => string[],
  success: (res: ServerResponse, body: unknown) => void,
): Promise<HttpReceiver> {
  const received: HttpReceived[] = []
  let queue: ReceiverBehaviour[] = []
  let attempts = 0
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    attempts++
    const behaviour = queue.shift() ?? { kind: 'ok' }
    void (async () => {
      const raw = await readBody(req)
      if (behaviour.kind === 'reset') {
        req.socket.destroy()
        return
      }
      if (behaviour.kind === 'slow') await new Promise((r) => setTimeout(r, behaviour.delayMs))
      if (behaviour.kind === 'status') {
        res.writeHead(behaviour.status, {
          'content-type': 'text/plain',
          ...(behaviour.retryAfter ? { 'retry-after': behaviour.retryAfter } : {}),
        })
        res.end(behaviour.body ?? 'error')
        return
      }
      if (req.method !== 'POST' || req.url !== path) {
        res.writeHead(404).end('no_service')
        return
      }
      let body: unknown
      try {
        body = JSON.parse(raw)
      } catch {
        res.writeHead(400).end('invalid_payload')
        return
      }
      const problems = validate(body)
      received.push({ path: req.url, body, problems })
      if (problems.length > 0) {
        res.writeHead(400).end(`invalid_payload: ${problems.join('; ')}`)
        return
      }
      success(res, body)
    })().catch(() => res.destroy())
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    attempts: () => attempts,
    setBehaviour: (...q) => {
      queue = [...q]
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)

/** Slack webhook payload rules: text present, ≤ 50 blocks, header plain_text ≤ 150, section text ≤ 3,000. */
export function slackProblems(body: unknown): string[] {
  const p: string[] = []
  if (!isObj(body)) return ['body is not an object']
  if (typeof body.text !== 'string' || body.text.trim() === '') p.push('missing text')
  if (body.link_names === true) p.push('link_names must not be set')
  const blocks = body.blocks
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) return [...p, 'blocks is not an array']
    if (blocks.length > 50) p.push(`${blocks.length} blocks > 50`)
    for (const [i, b] of blocks.entries()) {
      if (!isObj(b) || typeof b.type !== 'string') {
        p.push(`block ${i} has no type`)
        continue
      }
      const text = isObj(b.text) ? b.text : undefined
      if (b.type === 'header' && (text?.type !== 'plain_text' || String(text.text).length > 150))
        p.push(`header ${i} not plain_text ≤ 150`)
      if (b.type === 'section' && (typeof text?.text !== 'string' || text.text.length > 3000))
        p.push(`section ${i} text missing or > 3000`)
      if (b.type === 'actions' && (!Array.isArray(b.elements) || b.elements.length > 25))
        p.push(`actions ${i} bad`)
    }
  }
  return p
}

const PD_SEVERITIES = new Set(['critical', 'error', 'warning', 'info'])

/** PagerDuty Events v2 rules (api-schema openapiv3.json plus the documented length limits). */
export function pagerDutyProblems(body: unknown, routingKey?: string): string[] {
  const p: string[] = []
  if (!isObj(body)) return ['body is not an object']
  if (typeof body.routing_key !== 'string' || body.routing_key.length !== 32)
    p.push('routing_key must be 32 chars')
  if (routingKey !== undefined && body.routing_key !== routingKey) p.push('wrong routing_key')
  if (!['trigger', 'acknowledge', 'resolve'].includes(String(body.event_action))) p.push('bad event_action')
  if (body.dedup_key !== undefined && (typeof body.dedup_key !== 'string' || body.dedup_key.length > 255))
    p.push('dedup_key > 255')
  if (body.event_action !== 'trigger' && typeof body.dedup_key !== 'string')
    p.push('resolve without dedup_key')
  if (body.event_action === 'trigger') {
    const pl = body.payload
    if (!isObj(pl)) p.push('trigger without payload')
    else {
      if (typeof pl.summary !== 'string' || pl.summary.length === 0 || pl.summary.length > 1024)
        p.push('summary missing or > 1024')
      if (typeof pl.source !== 'string' || pl.source === '') p.push('source missing')
      if (!PD_SEVERITIES.has(String(pl.severity))) p.push('bad severity')
      if (pl.custom_details !== undefined && !isObj(pl.custom_details)) p.push('custom_details not an object')
    }
  }
  if (
    body.links !== undefined &&
    (!Array.isArray(body.links) || body.links.some((l) => !isObj(l) || typeof l.href !== 'string'))
  )
    p.push('bad links')
  return p
}

/** A Slack incoming-webhook receiver answering `200 ok`. */
export function startSlackReceiver(opts: { path?: string } = {}): Promise<HttpReceiver> {
  return startHttp(opts.path ?? '/services/T000/B000/XXXXXXXXXXXXXXXX', slackProblems, (res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
  })
}

/** A PagerDuty Events v2 receiver answering `202` with the dedup key. */
export function startPagerDutyReceiver(opts: { routingKey?: string } = {}): Promise<HttpReceiver> {
  return startHttp(
    '/v2/enqueue',
    (b) => pagerDutyProblems(b, opts.routingKey),
    (res, body) => {
      const dedup = isObj(body) ? body.dedup_key : undefined
      res
        .writeHead(202, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'success', message: 'Event processed', dedup_key: dedup }))
    },
  )
}

export interface SmtpReceived {
  readonly rcptTo: string[]
  readonly mailFrom: string
  readonly mail: ParsedMail
}

export interface SmtpReceiver {
  readonly port: number
  readonly url: string
  readonly received: SmtpReceived[]
  /** `reject` answers the DATA with the given code (451 transient, 550 permanent) for the next n messages. */
  setBehaviour(...queue: ({ kind: 'ok' } | { kind: 'reject'; code: number })[]): void
  close(): Promise<void>
}

/** A real SMTP server on loopback (no TLS); with `auth`, only that user/password is accepted. */
export async function startSmtpServer(
  opts: { auth?: { user: string; pass: string } } = {},
): Promise<SmtpReceiver> {
  const received: SmtpReceived[] = []
  let queue: ({ kind: 'ok' } | { kind: 'reject'; code: number })[] = []
  const server = new SMTPServer({
    authOptional: opts.auth === undefined,
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass)
        cb(null, { user: auth.username })
      else cb(new Error('Invalid username or password'))
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const b = queue.shift() ?? { kind: 'ok' }
        if (b.kind === 'reject') {
          const err = new Error(`rejected ${b.code}`) as Error & { responseCode: number }
          err.responseCode = b.code
          cb(err)
          return
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            received.push({
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              mail,
            })
            cb()
          })
          .catch((e: Error) => cb(e))
      })
    },
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.server.address() as AddressInfo).port
  const auth = opts.auth ? `${encodeURIComponent(opts.auth.user)}:${encodeURIComponent(opts.auth.pass)}@` : ''
  return {
    port,
    url: `smtp://${auth}127.0.0.1:${port}`,
    received,
    setBehaviour: (...q) => {
      queue = [...q]
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
