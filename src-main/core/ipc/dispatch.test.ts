// The dispatcher's own promises: every call resolves to an envelope, a refused
// request names its first problem in words (at most 20 issues travel), and a
// payload that throws while being read is `validation`, not a rejected promise.
import { describe, expect, it } from 'vitest'
import type { HandlerTable } from '../../shared/contract'
import { createDispatcher } from './dispatch'

function dispatcherWith(handlers: Partial<HandlerTable>) {
  return createDispatcher(handlers as HandlerTable)
}

describe('dispatch', () => {
  it('names the first problem in the message and counts the rest', async () => {
    const res = await dispatcherWith({})('backups.delete', { key: 'acc_12345678:..', backupId: '..' })
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'validation',
        message: 'Invalid request for backups.delete: key: not a server key (an account id, ":", then letters, digits, "-" and "_", starting with a letter or digit) (and 1 more).',
        issues: [
          'key: not a server key (an account id, ":", then letters, digits, "-" and "_", starting with a letter or digit)',
          'backupId: not a backup id (letters, digits, "-", "_" and ".", starting with a letter or digit)'
        ]
      }
    })
  })

  it('sends back at most 20 issues', async () => {
    const res = await dispatcherWith({})('servers.setMeta', { keys: Array.from({ length: 500 }, () => 'nope') })
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.error.issues).toHaveLength(20)
    expect(res.error.message).toBe('Invalid request for servers.setMeta: keys.0: not a server key (and 499 more).')
  })

  it('a payload that throws while it is read is validation, and the handler never runs', async () => {
    let ran = false
    const hostile = Object.defineProperty({}, 'key', {
      enumerable: true,
      get() {
        throw new Error('boom')
      }
    })
    const res = await dispatcherWith({ 'backups.list': async () => ((ran = true), { backups: [], fetchedAt: '' }) })('backups.list', hostile)
    expect(res).toEqual({ ok: false, error: { code: 'validation', message: 'Invalid request for backups.list: it could not be read.' } })
    expect(ran).toBe(false)
  })

  it('an unknown channel is ipc-rejected with its name cut short', async () => {
    const res = await dispatcherWith({})('x'.repeat(500), undefined)
    expect(res).toMatchObject({ ok: false, error: { code: 'ipc-rejected', message: `Unknown IPC channel "${'x'.repeat(64)}".` } })
  })
})
