import { describe, expect, it } from 'vitest'
import { reconcileAlertState } from '../../../src/alerts/reconcile.js'
import type { AlertStateEntry } from '../../../src/model/run-record.js'

const NOW = new Date('2026-11-23T10:00:00Z')
const EARLIER = '2026-11-23T04:00:00.000Z'

function entry(key: string, lastNotifiedAt: string, channels: string[]): AlertStateEntry {
  return { key, findingId: key, severity: 'critical', openedAt: EARLIER, lastNotifiedAt, channels }
}

describe('reconcileAlertState', () => {
  const prev = [entry('old', EARLIER, ['pagerduty']), entry('gone', EARLIER, ['pagerduty'])]
  const next = [
    entry('old', NOW.toISOString(), ['pagerduty']),
    entry('new', NOW.toISOString(), ['pagerduty', 'slack']),
  ]

  it.each([
    ['nothing failed', [], ['old', 'new'], NOW.toISOString()],
    ['pagerduty failed', ['pagerduty'], ['old', 'gone'], EARLIER],
    ['slack failed', ['slack'], ['old'], NOW.toISOString()],
    ['email failed', ['email'], ['old', 'new'], NOW.toISOString()],
  ])('%s', (_n, failed, keys, oldNotified) => {
    const out = reconcileAlertState(prev, next, failed, NOW)
    expect(out.map((e) => e.key)).toEqual(keys)
    expect(out.find((e) => e.key === 'old')?.lastNotifiedAt).toBe(oldNotified)
  })
})
