/**
 * Email adapter on nodemailer over SMTP. The `smtp-url` (`smtp://user:pass@host:587`, `smtps://…:465` for
 * implicit TLS, `?requireTLS=true` to insist on STARTTLS) is parsed here so timeouts suited to an Action step
 * apply; nodemailer's own defaults wait minutes.
 */
import nodemailer from 'nodemailer'
import { DEFAULT_EMAIL_FROM } from './constants.js'
import { ChannelError, redactSecrets } from './errors.js'
import type { AlertChannel, Notification } from './types.js'

/** Sender when `alerts.email.from` is not set (spelled in constants.ts). */
export { DEFAULT_EMAIL_FROM }

const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED'])

/** Parses an SMTP URL into nodemailer transport options; throws a ChannelError without echoing the URL. */
export function smtpOptions(smtpUrl: string): Record<string, unknown> {
  let u: URL
  try {
    u = new URL(smtpUrl)
  } catch {
    throw new ChannelError('smtp-url is not a URL; expected smtp://user:pass@host:port or smtps://…', false)
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') {
    throw new ChannelError(`smtp-url must start with smtp:// or smtps://, not ${u.protocol}//`, false)
  }
  const secure = u.protocol === 'smtps:'
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    requireTLS: u.searchParams.get('requireTLS') === 'true',
    ...(u.username
      ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
      : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    dnsTimeout: 10_000,
  }
}

export function createEmailChannel(smtpUrl: string, from: string = DEFAULT_EMAIL_FROM): AlertChannel {
  const secrets = [smtpUrl]
  try {
    const u = new URL(smtpUrl)
    if (u.password) secrets.push(u.password, decodeURIComponent(u.password))
  } catch {
    // reported on send
  }
  return {
    async send(n: Notification, signal: AbortSignal): Promise<void> {
      if (n.channel !== 'email')
        throw new ChannelError(`email channel got a ${n.channel} notification`, false)
      const transport = nodemailer.createTransport(smtpOptions(smtpUrl))
      // nodemailer takes no AbortSignal: race the send against it so a stalled server cannot hold the step.
      let onAbort = (): void => {}
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(new Error('aborted'))
        if (signal.aborted) onAbort()
        else signal.addEventListener('abort', onAbort, { once: true })
      })
      aborted.catch(() => {})
      try {
        const sending = transport.sendMail({
          from,
          to: [...n.message.to],
          subject: n.message.subject,
          text: n.message.text,
          html: n.message.html,
        })
        sending.catch(() => {})
        await Promise.race([sending, aborted])
      } catch (error) {
        if (signal.aborted) throw new ChannelError('timed out', true)
        const e = error as { code?: string; responseCode?: number; response?: string }
        const transient =
          (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500) ||
          (e.responseCode === undefined && e.code !== undefined && TRANSIENT_CODES.has(e.code))
        const detail =
          e.responseCode !== undefined ? `SMTP ${e.responseCode} ${e.response ?? ''}` : (e.code ?? 'error')
        throw new ChannelError(redactSecrets(detail.trim().slice(0, 200), secrets), transient)
      } finally {
        signal.removeEventListener('abort', onAbort)
        transport.close()
      }
    },
  }
}
