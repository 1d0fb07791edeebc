import { afterEach, describe, expect, it } from 'vitest'
import { FlotillaError } from '@shared/errors'
import type { Account } from '@shared/domain'
import { call, onEvent, unwrap, waitForBridge } from './client'
import { createFakeBridge } from '../testing/fake-bridge'

const acme: Account = {
  id: 'acc_abcdefgh',
  label: 'Acme aluy',
  provider: 'aluy',
  colour: '#2563eb',
  baseUrl: 'https://aluy.net/api/reseller/v1',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z'
}

afterEach(() => {
  delete window.flotilla
})

describe('unwrap', () => {
  it('returns the value of an ok envelope', () => {
    expect(unwrap({ ok: true, value: 42 })).toBe(42)
  })

  it('throws the FlotillaError main serialised, with its code and issues', () => {
    const envelope = { ok: false as const, error: { code: 'validation' as const, message: 'Invalid request', issues: ['label: label is empty'] } }
    let thrown: unknown
    try {
      unwrap(envelope)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(FlotillaError)
    expect(thrown).toMatchObject({ code: 'validation', message: 'Invalid request', issues: ['label: label is empty'] })
  })

  it('rejects something that is not an envelope as an unreadable answer', () => {
    expect(() => unwrap('nonsense' as never)).toThrow(expect.objectContaining({ code: 'invalid-response' }))
  })
})

describe('call', () => {
  it('routes a channel to its bridge method, passes the input and unwraps the answer', async () => {
    const fake = createFakeBridge({ 'accounts.list': () => [acme], 'accounts.remove': () => ({ removed: true }) })
    window.flotilla = fake.bridge

    await expect(call('accounts.list')).resolves.toEqual([acme])
    await expect(call('accounts.remove', { id: acme.id })).resolves.toEqual({ removed: true })
    expect(fake.calls).toEqual([
      { channel: 'accounts.list', input: undefined },
      { channel: 'accounts.remove', input: { id: acme.id } }
    ])
  })

  it('turns an error envelope into a thrown FlotillaError', async () => {
    const fake = createFakeBridge({
      'fleet.refresh': () => {
        throw new FlotillaError('offline', 'Cannot reach aluy.net.', { accountId: acme.id })
      }
    })
    window.flotilla = fake.bridge

    await expect(call('fleet.refresh')).rejects.toMatchObject({ name: 'FlotillaError', code: 'offline', accountId: acme.id })
  })

  it('reports a broken transport as a FlotillaError, not a raw rejection', async () => {
    const fake = createFakeBridge()
    window.flotilla = { ...fake.bridge, app: { ...fake.bridge.app, info: () => Promise.reject(new Error('socket closed')) } }

    await expect(call('app.info')).rejects.toMatchObject({ code: 'internal' })
  })

  it('says so when there is no bridge at all', async () => {
    await expect(call('app.info')).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('missing') })
  })
})

describe('onEvent', () => {
  it('delivers pushed events and stops after unsubscribe', () => {
    const fake = createFakeBridge()
    window.flotilla = fake.bridge
    const seen: Account[][] = []

    const off = onEvent('accounts.changed', (accounts) => seen.push(accounts))
    fake.emit('accounts.changed', [acme])
    off()
    fake.emit('accounts.changed', [])

    expect(seen).toEqual([[acme]])
    expect(fake.listenerCount('accounts.changed')).toBe(0)
  })
})

describe('waitForBridge', () => {
  it('resolves with the bridge once it appears', async () => {
    const fake = createFakeBridge()
    setTimeout(() => (window.flotilla = fake.bridge), 30)
    await expect(waitForBridge(2000, 5)).resolves.toBe(fake.bridge)
  })

  it('gives up with a FlotillaError when no bridge appears in time', async () => {
    await expect(waitForBridge(30, 5)).rejects.toMatchObject({ code: 'internal' })
  })
})
