import { describe, expect, it } from 'vitest'
import { FlotillaError } from '../../../shared/errors'
import { normaliseAluyCredential, sessionCookieHeader, sessionCookieName } from './credential'

const TOKEN = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..b5Xp1Qz8_tk-9aQ.Zm9vYmFyYmF6LXF1eA.Q2h1bmstdGFn'

function rejection(raw: string): FlotillaError {
  try {
    normaliseAluyCredential(raw)
  } catch (e) {
    if (e instanceof FlotillaError) return e
    throw e
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`)
}

describe('normaliseAluyCredential keeps only the session token', () => {
  it.each([
    ['a raw token', TOKEN],
    ['a raw token with surrounding whitespace', `  \n${TOKEN}\t `],
    ['a raw token wrapped over lines', `${TOKEN.slice(0, 30)}\n${TOKEN.slice(30)}`],
    ['a quoted raw token', `"${TOKEN}"`],
    ['name=value (secure)', `__Secure-next-auth.session-token=${TOKEN}`],
    ['name=value (plain http)', `next-auth.session-token=${TOKEN}`],
    ['name="value" with quotes', `__Secure-next-auth.session-token="${TOKEN}"`],
    ['a whole Cookie header', `Cookie: _ga=GA1.2.3; __Secure-next-auth.csrf-token=abc%7Cdef; __Secure-next-auth.session-token=${TOKEN}; theme=dark`],
    ['a Cookie header without the prefix', `theme=dark; __Secure-next-auth.session-token=${TOKEN}`],
    ['a lower-case cookie: prefix and no spaces', `cookie:__Secure-next-auth.session-token=${TOKEN};a=b`],
    ['a header copied across lines', `Cookie: theme=dark;\n  __Secure-next-auth.session-token=${TOKEN};\r\n  other=1`],
    ['a header in quotes (from a curl command)', `'Cookie: __Secure-next-auth.session-token=${TOKEN}'`],
    ['a Set-Cookie line with attributes', `__Secure-next-auth.session-token=${TOKEN}; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly; Secure`]
  ])('%s', (_name, raw) => {
    expect(normaliseAluyCredential(raw)).toBe(TOKEN)
  })

  it('prefers the __Secure- cookie when both are present', () => {
    expect(normaliseAluyCredential(`next-auth.session-token=PLAINVALUE123456; __Secure-next-auth.session-token=${TOKEN}`)).toBe(TOKEN)
  })

  it('joins a NextAuth chunked cookie in order, whatever order it was pasted in', () => {
    const raw = `a=1; __Secure-next-auth.session-token.1=${TOKEN.slice(40)}; __Secure-next-auth.session-token.0=${TOKEN.slice(0, 40)}`
    expect(normaliseAluyCredential(raw)).toBe(TOKEN)
  })

  it('joins chunks of the plain-http cookie too', () => {
    const raw = `next-auth.session-token.0=${TOKEN.slice(0, 10)}; next-auth.session-token.2=${TOKEN.slice(20)}; next-auth.session-token.1=${TOKEN.slice(10, 20)}`
    expect(normaliseAluyCredential(raw)).toBe(TOKEN)
  })

  it('keeps a padded raw token', () => {
    expect(normaliseAluyCredential('QUJDREVGR0hJSktMTU5PUA==')).toBe('QUJDREVGR0hJSktMTU5PUA==')
  })
})

describe('normaliseAluyCredential rejects what holds no session', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '   \n '],
    ['Cookie: with nothing', 'Cookie:'],
    ['other cookies only', 'Cookie: _ga=GA1.2.3; theme=dark'],
    ['only the CSRF cookie', '__Secure-next-auth.csrf-token=abc%7Cdef'],
    ['an empty session cookie', '__Secure-next-auth.session-token=; theme=dark'],
    ['too short to be a token', 'abc123'],
    ['prose', 'my password is hunter2 please'],
    ['a chunk missing', `__Secure-next-auth.session-token.0=abc; __Secure-next-auth.session-token.2=def`]
  ])('%s', (_name, raw) => {
    const e = rejection(raw)
    expect(e.code).toBe('validation')
    expect(e.message).toContain('__Secure-next-auth.session-token')
  })

  it('never repeats the pasted text in the message', () => {
    const e = rejection('Cookie: theme=dark; private_thing=SECRETSECRET')
    expect(e.message).not.toContain('SECRETSECRET')
  })
})

describe('cookie name follows the scheme', () => {
  it('https → __Secure-, http → plain', () => {
    expect(sessionCookieName('https://aluy.net/api/reseller/v1')).toBe('__Secure-next-auth.session-token')
    expect(sessionCookieName('http://127.0.0.1:4000/api/reseller/v1')).toBe('next-auth.session-token')
    expect(sessionCookieHeader('http://127.0.0.1:1', 'T')).toBe('next-auth.session-token=T')
  })
})
