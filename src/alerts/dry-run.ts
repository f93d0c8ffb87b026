/**
 * Dry-run channels: every message that would be sent is written to `<dir>/alerts/<n>-<channel>.json|.eml`
 * instead, numbered in send order, so the CLI demo and reviewers can see exactly what would go out.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DEFAULT_EMAIL_FROM } from './constants.js'
import type { AlertChannel, AlertChannels, Notification } from './types.js'

/** Folder under the report directory that holds dry-run messages. */
export const DRY_RUN_FOLDER = 'alerts'

/** Writes an RFC 5322-ish text of an email; the subject is already header-safe (no CR/LF). */
export function emailToEml(n: Extract<Notification, { channel: 'email' }>, from: string): string {
  const boundary = 'gauntlet-dry-run-boundary'
  return [
    `From: ${from}`,
    `To: ${n.message.to.join(', ')}`,
    `Subject: ${n.message.subject}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    n.message.text,
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    n.message.html,
    `--${boundary}--`,
    '',
  ].join('\r\n')
}

/** Channels that write files under `<dir>/alerts/` instead of sending. */
export function createDryRunChannels(dir: string, from: string = DEFAULT_EMAIL_FROM): AlertChannels {
  let counter = 0
  const folder = join(dir, DRY_RUN_FOLDER)
  const channel: AlertChannel = {
    async send(n: Notification): Promise<void> {
      counter++
      await mkdir(folder, { recursive: true })
      const base = join(folder, `${String(counter).padStart(3, '0')}-${n.channel}`)
      if (n.channel === 'email') await writeFile(`${base}.eml`, emailToEml(n, from), 'utf8')
      else
        await writeFile(
          `${base}.json`,
          `${JSON.stringify(n.channel === 'slack' ? n.message : n.event, null, 2)}\n`,
          'utf8',
        )
    },
  }
  return { slack: channel, pagerduty: channel, email: channel }
}
