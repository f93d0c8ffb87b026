import { describe, expect, it } from 'vitest'
import { smtpOptions } from '../../../src/alerts/email.js'
import { ChannelError } from '../../../src/alerts/errors.js'

describe('smtpOptions', () => {
  it.each([
    ['smtp://mail.example.com', { host: 'mail.example.com', port: 587, secure: false, requireTLS: false }],
    ['smtps://u:p%40ss@mail.example.com', { port: 465, secure: true, auth: { user: 'u', pass: 'p@ss' } }],
    ['smtp://127.0.0.1:2525?requireTLS=true', { host: '127.0.0.1', port: 2525, requireTLS: true }],
  ])('%s', (url, expected) => {
    expect(smtpOptions(url)).toMatchObject(expected)
  })

  it.each(['http://u:hunter2@mail.example.com', 'smtp//u:hunter2@host', ''])(
    'rejects %j without echoing the password',
    (url) => {
      let caught: unknown
      try {
        smtpOptions(url)
      } catch (e) {
        caught = e
      }
      expect(caught).toBeInstanceOf(ChannelError)
      expect((caught as Error).message).not.toContain('hunter2')
      expect((caught as ChannelError).retryable).toBe(false)
    },
  )
})
