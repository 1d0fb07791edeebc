import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger } from './logger'
import { REDACTED, Redactor } from './redact'

describe('Redactor', () => {
  it('scrubs registered secrets wherever they appear', () => {
    const r = new Redactor()
    r.register('eyJhbGciOiJIUzI1NiJ9.session')
    expect(r.text('upstream said: bad token eyJhbGciOiJIUzI1NiJ9.session!')).toBe(`upstream said: bad token ${REDACTED}!`)
  })

  it('scrubs cookie, api-key and URL-token shapes it was never told about', () => {
    const r = new Redactor()
    expect(r.text('Cookie: __Secure-next-auth.session-token=abc.def; x=1')).toBe(`Cookie: __Secure-next-auth.session-token=${REDACTED}; x=1`)
    expect(r.text('x-api-key: ek_live_123456')).toBe(`x-api-key: ${REDACTED}`)
    expect(r.text('wss://panel.host/vnc/?token=s3cr3t&x=1')).toBe(`wss://panel.host/vnc/?token=${REDACTED}&x=1`)
  })

  it('replaces values under secret-sounding keys, deeply', () => {
    const r = new Redactor()
    const out = r.value({ accountId: 'acc_1', nested: { credential: 'k', headers: { Cookie: 'c', Accept: 'json' } }, list: [{ password: 'p' }] })
    expect(out).toEqual({ accountId: 'acc_1', nested: { credential: REDACTED, headers: { Cookie: REDACTED, Accept: 'json' } }, list: [{ password: REDACTED }] })
  })

  it('scrubs a multi-line secret (a PEM key) also when it comes back whitespace-flattened or cut short', () => {
    const r = new Redactor()
    const pem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJMZM7MbhKW1G2FidTWB\ncegyChvCwIYdQfqiajtKRfP8xyz\n-----END PRIVATE KEY-----\n'
    r.register(pem)
    expect(r.text(`echo: ${pem}`)).toBe(`echo: ${REDACTED}`)
    expect(r.text(`echo: ${pem.replace(/\s+/g, ' ')}`)).toBe(`echo: -----BEGIN PRIVATE KEY----- ${REDACTED} ${REDACTED} -----END PRIVATE KEY----- `)
    expect(r.text('cut: MC4CAQAwBQYDK2VwBCIEIJMZM7MbhKW1G2FidTWB …')).toBe(`cut: ${REDACTED} …`)
    // Short words of a secret with spaces are not scrubbed everywhere; forgetting drops the pieces too.
    expect(r.text('PRIVATE KEY')).toBe('PRIVATE KEY')
    r.forget(pem)
    expect(r.text('MC4CAQAwBQYDK2VwBCIEIJMZM7MbhKW1G2FidTWB')).toBe('MC4CAQAwBQYDK2VwBCIEIJMZM7MbhKW1G2FidTWB')
  })

  it('ignores secrets too short to scrub safely (under 6 characters)', () => {
    const r = new Redactor()
    r.register('abcde')
    r.register('')
    r.register(null)
    r.register('abcdef')
    expect(r.text('abcde abcdef')).toBe(`abcde ${REDACTED}`)
  })

  it('keeps errors readable while scrubbing their message', () => {
    const r = new Redactor()
    r.register('topsecretkey')
    expect(r.value(new Error('key topsecretkey rejected'))).toMatchObject({ name: 'Error', message: `key ${REDACTED} rejected` })
  })
})

describe('the log file', () => {
  it('never receives a registered secret, in the message or in fields', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-log-'))
    const file = join(dir, 'logs', 'flotilla.log')
    const log = createLogger({ file })
    log.registerSecret('ek_very_secret_key')
    log.warn('request failed for ek_very_secret_key', { url: 'https://x/api?key=ek_very_secret_key', error: new Error('ek_very_secret_key') })
    await log.flush()
    const text = await readFile(file, 'utf8')
    expect(text).toContain('request failed for')
    expect(text).not.toContain('ek_very_secret_key')
  })
})
