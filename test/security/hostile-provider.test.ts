// A hostile provider against the one HTTP client, as every account context
// uses it (scoped to the account's origin and secret): huge, endless and
// compressed bodies, slow drips, endless headers, redirects and URLs to other
// hosts, echoed credentials, invalid UTF-8, an untrusted certificate. Each
// attack must end in its own clear error code, without main's memory growing
// (sampled while it runs) and without the key reaching any other host.
// The figures are printed for the issue note.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { scopeFor, scopedHttp } from '../../src-main/core/http/credential-scope'
import { createHttpClient } from '../../src-main/core/http/fetch-http-client'
import type { HttpClient, HttpRequest } from '../../src-main/core/http/http-client'
import { FlotillaError } from '../../src-main/shared/errors'
import {
  drip,
  drippedHeaders,
  endlessBody,
  endlessHeaders,
  gzipBody,
  gzipBomb,
  hugeBody,
  redirectTo,
  respond,
  startHostileServer,
  type HostileServer
} from './hostile-server'

const KEY = 'ek_live_HOSTILE_TEST_KEY_1234567890'
const MB = 1024 * 1024

let provider: HostileServer
let other: HostileServer

beforeAll(async () => {
  provider = await startHostileServer()
  other = await startHostileServer()
})
afterAll(async () => {
  await provider.close()
  await other.close()
})
afterEach(() => {
  provider.seen.length = 0
  other.seen.length = 0
})

/** The client as an account context hands it out: scoped to the provider's origin and the key. */
function accountHttp(options: { timeoutMs?: number } = {}): HttpClient {
  const http = createHttpClient({ retryDelaysMs: [5, 5, 5], timeoutMs: options.timeoutMs ?? 3000 })
  return scopedHttp(http, scopeFor(provider.url, KEY))
}

const get = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  accountId: 'acc_hostile01',
  method: 'GET',
  url,
  headers: { 'x-api-key': KEY },
  ...extra
})

interface Outcome {
  readonly error: FlotillaError
  readonly ms: number
  /** Peak growth of heap + array buffers while the request ran. */
  readonly growthMb: number
}

function used(): number {
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

/** Runs a request that must fail, sampling memory while it runs. */
async function attack(p: () => Promise<unknown>, name: string): Promise<Outcome> {
  const before = used()
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, used())), 10)
  const started = performance.now()
  let error: unknown
  try {
    await p()
  } catch (e) {
    error = e
  } finally {
    clearInterval(sampler)
  }
  peak = Math.max(peak, used())
  const outcome = { error: error as FlotillaError, ms: Math.round(performance.now() - started), growthMb: Math.round(((peak - before) / MB) * 10) / 10 }
  console.info(`[hostile] ${name}: ${outcome.error?.code} after ${outcome.ms} ms, peak growth ${outcome.growthMb} MB`)
  expect(error, name).toBeInstanceOf(FlotillaError)
  return outcome
}

describe('answers too large', () => {
  it('an endless body ends in too-large, with memory flat', async () => {
    provider.route((r) => r.path === '/endless', endlessBody)
    const out = await attack(() => accountHttp({ timeoutMs: 20_000 }).request(get(`${provider.url}/endless`)), 'endless body')
    expect(out.error.code).toBe('too-large')
    expect(out.error.message).toMatch(/too large/)
    expect(out.growthMb).toBeLessThan(100)
    expect(provider.seen).toHaveLength(1)
  })

  it('a 200 MB body is refused from its length, and without one at the limit', async () => {
    provider.route((r) => r.path === '/huge', hugeBody(200 * MB))
    const out = await attack(() => accountHttp().request(get(`${provider.url}/huge`)), 'huge body (200 MB)')
    expect(out.error.code).toBe('too-large')
    expect(out.growthMb).toBeLessThan(100)
  })

  it('a gzip bomb (1 GiB of zeros in about 1 MiB) stops at the limit of the decompressed size', async () => {
    const compressed = await gzipBomb()
    provider.route((r) => r.path === '/bomb', gzipBody(compressed))
    const out = await attack(() => accountHttp().request(get(`${provider.url}/bomb`)), `gzip bomb (${Math.round(compressed.length / 1024)} KiB → 1 GiB)`)
    expect(out.error.code).toBe('too-large')
    expect(out.growthMb).toBeLessThan(100)
  })

  it('a PDF may be larger than JSON, but not endless', async () => {
    provider.route((r) => r.path === '/pdf', hugeBody(12 * MB))
    const pdf = await accountHttp({ timeoutMs: 20_000 }).request<Uint8Array>(get(`${provider.url}/pdf`, { responseType: 'bytes' }))
    expect(pdf.data.byteLength).toBe(12 * MB)
    provider.route((r) => r.path === '/pdf-endless', endlessBody)
    const out = await attack(() => accountHttp({ timeoutMs: 20_000 }).request(get(`${provider.url}/pdf-endless`, { responseType: 'bytes' })), 'endless PDF')
    expect(out.error.code).toBe('too-large')
  })

  it('endless headers end in too-large (the header limit), not "failed before an answer arrived"', async () => {
    provider.route((r) => r.path === '/headers', endlessHeaders)
    const out = await attack(() => accountHttp().request(get(`${provider.url}/headers`)), 'endless headers')
    expect(out.error.code).toBe('too-large')
    expect(out.error.message).toMatch(/headers larger/)
  })
})

describe('answers too slow', () => {
  it('a body dripped a byte at a time ends at the one deadline as too-slow, tried once', async () => {
    provider.route((r) => r.path === '/drip', drip(100))
    const out = await attack(() => accountHttp({ timeoutMs: 1500 }).request(get(`${provider.url}/drip`)), 'drip, 1 byte / 100 ms, deadline 1.5 s')
    expect(out.error.code).toBe('too-slow')
    expect(out.error.message).toMatch(/too slow/)
    expect(provider.seen).toHaveLength(1)
    // "Doesn't hang": well before the 74 s four tries took.
    expect(out.ms).toBeLessThan(10_000)
  })

  it('headers dripped for ever end as timeout, tried once', async () => {
    provider.route((r) => r.path === '/slow-headers', drippedHeaders(100))
    const out = await attack(() => accountHttp({ timeoutMs: 1500 }).request(get(`${provider.url}/slow-headers`)), 'dripped headers, deadline 1.5 s')
    expect(out.error.code).toBe('timeout')
    expect(provider.seen).toHaveLength(1)
  })
})

describe('the credential stays on its host', () => {
  it.each([301, 302, 303, 307, 308])('a %i redirect to another host is reported, and that host never hears from us', async (status) => {
    provider.route((r) => r.path === '/moved', redirectTo(`${other.url}/steal`, status))
    const out = await attack(() => accountHttp().request(get(`${provider.url}/moved`)), `redirect ${status}`)
    expect(out.error.code).toBe('invalid-response')
    expect(out.error.message).toMatch(/redirected/)
    expect(other.seen).toEqual([])
  })

  it('a URL on another host (a provider-given stream URL, say) is refused before anything is sent', async () => {
    const out = await attack(() => accountHttp().request(get(`${other.url}/stream`)), 'foreign URL')
    expect(out.error.code).toBe('foreign-host')
    expect(out.error.message).not.toContain(KEY)
    expect(other.seen).toEqual([])
    const streamed = await attack(() => accountHttp().stream(get(`${other.url}/stream`), () => undefined), 'foreign stream URL')
    expect(streamed.error.code).toBe('foreign-host')
    expect(other.seen).toEqual([])
  })

  it('another port or scheme on the same host is another origin', async () => {
    const url = new URL(provider.url)
    const otherPort = `http://${url.hostname}:${Number(url.port) === 65535 ? 1 : Number(url.port) + 1}/x`
    for (const target of [otherPort, `https://${url.host}/x`]) {
      expect((await attack(() => accountHttp().request(get(target)), `origin ${target}`)).error.code).toBe('foreign-host')
    }
  })
})

describe('echoed credentials are scrubbed in the HTTP layer', () => {
  it('an error answer repeating the key loses it from the message and the issues', async () => {
    provider.route(
      (r) => r.path === '/echo',
      (socket, req) => respond(socket, 401, { error: `bad key ${req.headers['x-api-key']}`, validationErrors: [`key ${req.headers['x-api-key']} unknown`] })
    )
    const out = await attack(() => accountHttp().request(get(`${provider.url}/echo`)), 'echoed key (401)')
    expect(out.error.code).toBe('auth-rejected')
    expect(out.error.message).toMatch(/^bad key /)
    expect(JSON.stringify(out.error.toJSON())).not.toContain(KEY)
  })

  it('cookie- and key-shaped text the client never sent is scrubbed too', async () => {
    provider.route(
      (r) => r.path === '/leak',
      (socket) => respond(socket, 500, { error: 'upstream said: Cookie __Secure-next-auth.session-token=abcdefSECRET; x-api-key: ek_other_SECRET' })
    )
    const out = await attack(() => createHttpClient({ retryDelaysMs: [] }).request(get(`${provider.url}/leak`)), 'cookie-shaped text (500)')
    expect(out.error.code).toBe('upstream')
    expect(out.error.message).not.toMatch(/abcdefSECRET|ek_other_SECRET/)
  })

  it('a 2xx body repeating the key (elizon `success:false`) reaches the adapter without it', async () => {
    provider.route(
      (r) => r.path === '/soft-fail',
      (socket, req) => respond(socket, 200, { success: false, error: `key "${req.headers['x-api-key']}" is disabled` })
    )
    const res = await accountHttp().request<{ error: string }>(get(`${provider.url}/soft-fail`))
    expect(res.data.error).toBe('key "[redacted]" is disabled')
  })
})

describe('bytes that are not what they claim', () => {
  it('invalid UTF-8 in JSON is read with replacement characters, never a crash', async () => {
    const body = Buffer.concat([Buffer.from('{"services":[],"note":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')])
    provider.route((r) => r.path === '/utf8', (socket) => respond(socket, 200, body))
    const res = await accountHttp().request<{ note: string }>(get(`${provider.url}/utf8`))
    expect(res.data.note).toMatch(/^\uFFFD+$/)
    provider.route((r) => r.path === '/utf8-error', (socket) => respond(socket, 400, Buffer.concat([Buffer.from('{"error":"bad '), Buffer.from([0xc0, 0x80]), Buffer.from('"}')])))
    const out = await attack(() => accountHttp().request(get(`${provider.url}/utf8-error`)), 'invalid UTF-8 error body')
    expect(out.error.code).toBe('bad-request')
    expect(out.error.message).toMatch(/^bad /)
  })
})

describe('an untrusted certificate', () => {
  let dir: string
  let url: string
  let close: () => Promise<void>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flotilla-tls-'))
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' })
    const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
    close = () => new Promise((resolve) => server.close(() => resolve()))
  })
  afterAll(async () => {
    await close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('is named as such (self-signed), not "failed before an answer arrived", and not retried', async () => {
    const out = await attack(() => createHttpClient({ retryDelaysMs: [5, 5, 5] }).request(get(`${url}/x`)), 'self-signed certificate')
    expect(out.error.code).toBe('tls-untrusted')
    expect(out.error.message).toMatch(/certificate is not trusted \(it is self-signed\)/)
  })
})
