import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { alertsSection } from '../../../src/config/sections/alerts.js'

describe('alerts config section', () => {
  it('fills defaults', () => {
    const c = alertsSection.parse({ routes: [{ channels: ['slack'] }] })
    expect(c['pagerduty-url']).toBe('https://events.pagerduty.com/v2/enqueue')
    expect(c.routes[0]).toMatchObject({
      match: {},
      continue: false,
      'group-by': 'run',
      'repeat-interval': 14_400_000,
      mute: [],
    })
  })

  it.each([
    [{ routes: [{ match: { severity: '>error' } }] }, 'severity'],
    [{ routes: [{ channels: ['teams'] }] }, 'channels'],
    [{ routes: [{ to: ['not-an-email'] }] }, 'to'],
    [{ routes: [{ 'repeat-interval': '4 hours' }] }, 'repeat-interval'],
    [{ routes: [{ mute: [{ hours: { from: 25, to: 3 } }] }] }, 'mute'],
    [{ routes: [{ group_by: ['run'] }] }, 'group_by'],
    [{ 'pagerduty-url': 'not a url' }, 'pagerduty-url'],
  ])('rejects %j at %s', (raw, key) => {
    const r = alertsSection.safeParse(raw)
    expect(r.success).toBe(false)
    expect(JSON.stringify(r.error?.issues)).toContain(key)
  })

  it('exports a JSON schema whose repeat-interval default is a duration string', () => {
    const schema = JSON.stringify(z.toJSONSchema(alertsSection, { io: 'input', unrepresentable: 'any' }))
    expect(schema).toContain('"default":"4h"')
  })
})
