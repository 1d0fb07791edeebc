// elizon's console answer is documented in one sentence, so it is read
// tolerantly; these are the shapes it may take and what Flotilla makes of them.
import { describe, expect, it } from 'vitest'
import { FlotillaError } from '../../shared/errors'
import type { AccountContext } from '../providers/provider-adapter'
import { handleConsoleEvent, parseElizonConsole } from '../providers/elizon/elizon-adapter'

const ctx = { accountId: 'acc_test0001', baseUrl: 'https://elizon.app/api', credential: 'ek_secret_key_1', http: null as never } as AccountContext

describe('parseElizonConsole', () => {
  it('reads a VNC answer with a websocket URL as vnc', () => {
    expect(parseElizonConsole({ success: true, type: 'vnc', url: 'wss://pve.example/ws?t=1', token: 'x' }, ctx, '42')).toEqual({
      kind: 'vnc',
      url: 'wss://pve.example/ws?t=1',
      password: null
    })
  })

  it('falls back to the embed page when the VNC answer has no usable URL ("raw wss:// URL never leaves server")', () => {
    expect(parseElizonConsole({ success: true, type: 'vnc', token: 'only-a-token' }, ctx, '42')).toEqual({
      kind: 'embed',
      url: 'https://elizon.app/api/services/42/console/embed',
      headers: { 'x-api-key': 'ek_secret_key_1' }
    })
  })

  it('reads an SSE answer as a text console, resolving the stream path on the API origin', () => {
    expect(parseElizonConsole({ success: true, type: 'sse', streamUrl: '/api/services/42/console/stream' }, ctx, '42')).toEqual({
      kind: 'text',
      streamUrl: 'https://elizon.app/api/services/42/console/stream'
    })
  })

  it('reads an explicit embed answer as embed', () => {
    expect(parseElizonConsole({ console: { type: 'iframe', embedUrl: '/api/services/42/console/embed' } }, ctx, '42')).toMatchObject({ kind: 'embed' })
  })

  it('refuses an unknown shape naming its type and fields, never their values', () => {
    let thrown: unknown
    try {
      parseElizonConsole({ success: true, type: 'spice', ticket: 'very-secret-ticket', host: 'h' }, ctx, '42')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(FlotillaError)
    const message = (thrown as FlotillaError).message
    expect(message).toContain('type "spice"')
    expect(message).toContain('fields: type, ticket, host')
    expect(message).not.toContain('very-secret-ticket')
  })
})

describe('handleConsoleEvent', () => {
  it('turns console events into lines and status events into power states', () => {
    const lines: string[] = []
    const states: string[] = []
    const handlers = { onLine: (l: string) => lines.push(l), onStatus: (s: string) => states.push(s) }
    handleConsoleEvent({ event: 'status', data: '{"state":"running"}' }, handlers)
    handleConsoleEvent({ event: 'console', data: '{"line":"[Server] Done"}' }, handlers)
    handleConsoleEvent({ event: 'message', data: 'plain text line' }, handlers)
    handleConsoleEvent({ event: 'stats', data: '{"cpu":1}' }, handlers)
    expect(states).toEqual(['running'])
    expect(lines).toEqual(['[Server] Done', 'plain text line'])
  })
})
