// What a user pastes for aluy → the NextAuth session token alone. People copy
// the cookie value from DevTools, a `name=value` pair, or a whole `Cookie:`
// header from a request (other cookies, quotes, line breaks included); all of
// these must work, and nothing but the session token is kept.
import { FlotillaError } from '../../../shared/errors'

export const SECURE_COOKIE = '__Secure-next-auth.session-token'
export const PLAIN_COOKIE = 'next-auth.session-token'

const WHAT_TO_PASTE =
  'Paste the value of the __Secure-next-auth.session-token cookie (browser DevTools → Application → Cookies on aluy.net), or the whole Cookie header of a request to aluy.net.'

/** Characters a cookie value may hold (RFC 6265 cookie-octet, minus the quote). */
const COOKIE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/
/** A raw token: base64url / JWE segments, possibly padded. Shorter strings are typos, not sessions. */
const RAW_TOKEN = /^[A-Za-z0-9._~+/-]{16,}={0,2}$/
/** `name=value` at the very start: the paste is cookie syntax, not a bare token. */
const COOKIE_PAIR_START = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+=(?!=|$)/

/** The cookie name to send for a base URL: browsers only keep `__Secure-` cookies on https. */
export function sessionCookieName(baseUrl: string): string {
  return baseUrl.toLowerCase().startsWith('https:') ? SECURE_COOKIE : PLAIN_COOKIE
}

export function sessionCookieHeader(baseUrl: string, token: string): string {
  return `${sessionCookieName(baseUrl)}=${token}`
}

export function normaliseAluyCredential(raw: string): string {
  const text = stripWrapping(raw)
  if (text === '') throw invalid('The aluy credential is empty.')
  if (text.includes(';') || COOKIE_PAIR_START.test(text)) return tokenFromCookies(text)
  // Line breaks are already gone; a space inside means prose, not a token.
  if (RAW_TOKEN.test(text)) return text
  throw invalid('That does not look like an aluy session token.')
}

/** Drops a `Cookie:` prefix, quotes around the whole paste, and line breaks from wrapped copies. */
function stripWrapping(raw: string): string {
  let text = raw.replace(/[\r\n]+\s*/g, '').trim()
  text = unquote(text)
  text = text.replace(/^cookie\s*:\s*/i, '').trim()
  return unquote(text)
}

function unquote(text: string): string {
  const m = /^(["'])(.*)\1$/s.exec(text)
  return m?.[2] !== undefined ? m[2].trim() : text
}

function tokenFromCookies(header: string): string {
  const cookies = parseCookiePairs(header)
  for (const name of [SECURE_COOKIE, PLAIN_COOKIE]) {
    const whole = cookies.get(name)
    if (whole !== undefined) return checkedValue(whole)
    const chunked = joinChunks(cookies, name)
    if (chunked !== undefined) return checkedValue(chunked)
  }
  throw invalid('No aluy session cookie was found in what you pasted.')
}

function parseCookiePairs(header: string): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    const name = part.slice(0, eq).trim()
    const value = unquote(part.slice(eq + 1).trim()).replace(/\s+/g, '')
    // The first occurrence wins, as in a browser's Cookie header (most specific path first).
    if (name !== '' && !cookies.has(name)) cookies.set(name, value)
  }
  return cookies
}

/** NextAuth splits a large session cookie into `<name>.0`, `<name>.1`, …; they join in order. */
function joinChunks(cookies: Map<string, string>, name: string): string | undefined {
  const chunks = new Map<number, string>()
  for (const [key, value] of cookies) {
    if (!key.startsWith(`${name}.`)) continue
    const index = key.slice(name.length + 1)
    if (/^\d+$/.test(index)) chunks.set(Number(index), value)
  }
  if (chunks.size === 0) return undefined
  const parts: string[] = []
  for (let i = 0; i < chunks.size; i++) {
    const part = chunks.get(i)
    if (part === undefined) throw invalid(`Part .${i} of the chunked session cookie ${name} is missing.`)
    parts.push(part)
  }
  return parts.join('')
}

function checkedValue(value: string): string {
  if (value === '') throw invalid('The aluy session cookie in what you pasted is empty.')
  if (!COOKIE_VALUE.test(value)) throw invalid('The aluy session cookie in what you pasted contains characters a cookie cannot hold.')
  return value
}

function invalid(lead: string): FlotillaError {
  return new FlotillaError('validation', `${lead} ${WHAT_TO_PASTE}`)
}
