/**
 * Alert state after delivery. `planAlerts` writes the state as if every message arrived; when a channel still
 * failed, this puts back what that channel did not get, so the next trusted run retries instead of waiting a
 * whole `repeat-interval` (new alerts are forgotten, reminders keep their old time, failed resolves stay open).
 * Pure.
 */
import type { AlertStateEntry } from '../model/run-record.js'

export function reconcileAlertState(
  previous: readonly AlertStateEntry[],
  next: readonly AlertStateEntry[],
  failedChannels: readonly string[],
  now: Date,
): AlertStateEntry[] {
  if (failedChannels.length === 0) return [...next]
  const failed = new Set(failedChannels)
  const prevByKey = new Map(previous.map((e) => [e.key, e]))
  const hitByFailure = (e: AlertStateEntry): boolean => e.channels.some((c) => failed.has(c))
  const out: AlertStateEntry[] = []
  for (const e of next) {
    const notifiedNow = e.lastNotifiedAt === now.toISOString()
    if (!notifiedNow || !hitByFailure(e)) {
      out.push(e)
      continue
    }
    const prev = prevByKey.get(e.key)
    if (prev) out.push({ ...e, lastNotifiedAt: prev.lastNotifiedAt })
  }
  const nextKeys = new Set(next.map((e) => e.key))
  // A resolve that did not arrive: keep the alert open so the next run resolves it again.
  for (const p of previous) if (!nextKeys.has(p.key) && hitByFailure(p)) out.push(p)
  return out
}
