// The HTTP client against real local HTTP servers: no fetch mocking. Time is a
// fake clock whose `sleep` records the requested delay and jumps forward, so the
// 2 s / 4 s / 8 s schedule is asserted without waiting 14 s.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { failure } from '../../../test/support/adapter-context'
import { createHttpClient, type HttpClientOptions, type RequestRecord } from './fetch-http-client'
import type { HttpRequest } from './http-client'

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void

interface TestServer {
  readonly url: string
  readonly hits: () => number
  readonly headersSeen: Array<IncomingMessage['headers']>
  close(): Promise<void>
}

const servers: TestServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function serve(handler: Handler): Promise<TestServer> {
  let hits = 0
  const headersSeen: Array<IncomingMessage['headers']> = []
  const server: Server = createServer((req, res) => {
    hits++
    headersSeen.push(req.headers)
    req.resume()
    req.on('end', () => handler(req, res, hits))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const s: TestServer = {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    headersSeen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  servers.push(s)
  return s
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

/** A clock that only moves when the client sleeps; records every requested delay. */
function fakeClock(start = 1_800_000_000_000): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = start
  const slept: number[] = []
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms)
      t += ms
    },
    slept
  }
}

function clientWith(clock: ReturnType<typeof fakeClock>, extra: HttpClientOptions = {}) {
  return createHttpClient({ now: clock.now, sleep: clock.sleep, ...extra })
}

const get = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  accountId: 'acc_test0001',
  method: 'GET',
  url,
  ...extra
})

describe('status mapping', () => {
  const cases: Array<[number, string]> = [
    [400, 'bad-request'],
    [401, 'auth-rejected'],
    [402, 'payment-required'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'conflict'],
    [422, 'bad-request'],
    [429, 'rate-limited'],
    [500, 'upstream'],
    [502, 'upstream'],
    [503, 'unavailable']
  ]

  it.each(cases)('%i with a JSON error body → %s carrying the API’s own words', async (status, code) => {
    const s = await serve((_req, res) => json(res, status, { success: false, error: `the API says ${status}` }))
    const http = clientWith(fakeClock(), { retryDelaysMs: [] })
    const e = await failure(http.request(get(`${s.url}/x`)))
    expect(e.code).toBe(code)
    expect(e.status).toBe(status)
    expect(e.accountId).toBe('acc_test0001')
    expect(e.message).toBe(`the API says ${status}`)
  })

  it.each(cases)('%i without a body → %s with a plain sentence naming the status', async (status, code) => {
    const s = await serve((_req, res) => {
      res.writeHead(status)
      res.end()
    })
    const http = clientWith(fakeClock(), { retryDelaysMs: [] })
    const e = await failure(http.request(get(`${s.url}/x`)))
    expect(e.code).toBe(code)
    expect(e.message).toContain(`status ${status}`)
    expect(e.message).toContain('127.0.0.1')
  })

  it('copies elizon validationErrors into issues', async () => {
    const s = await serve((_req, res) =>
      json(res, 400, { success: false, error: 'Validation failed', validationErrors: ["Variable 'A' is required", 7] })
    )
    const e = await failure(createHttpClient().request(get(`${s.url}/x`)))
    expect(e.code).toBe('bad-request')
    expect(e.issues).toEqual(["Variable 'A' is required"])
  })

  it('copies aluy 429 current/limit and needs no retryAfter for it', async () => {
    const s = await serve((_req, res) => json(res, 429, { error: 'VPS limit reached (3/3).', current: 3, limit: 3 }))
    const e = await failure(createHttpClient().request(get(`${s.url}/orders`, { method: 'POST', body: {} })))
    expect(e.code).toBe('rate-limited')
    expect(e.current).toBe(3)
    expect(e.limit).toBe(3)
    expect(e.retryAfterSec).toBeUndefined()
  })

  it('caps provider text at 300 characters', async () => {
    const s = await serve((_req, res) => json(res, 400, { error: 'x'.repeat(5000) }))
    const e = await failure(createHttpClient().request(get(`${s.url}/x`)))
    expect(e.message.length).toBeLessThanOrEqual(300)
  })

  it('an HTML error page keeps the status’s code and says an HTML page came back', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' })
      res.end('<html><body><h1>502 Bad Gateway</h1>nginx</body></html>')
    })
    const e = await failure(clientWith(fakeClock(), { retryDelaysMs: [] }).request(get(`${s.url}/x`)))
    expect(e.code).toBe('upstream')
    expect(e.status).toBe(502)
    expect(e.message).toMatch(/HTML error page/)
    expect(e.message).not.toContain('nginx')
  })

  it('a redirect is not followed (it could carry the credential elsewhere) and is reported', async () => {
    const target = await serve((_req, res) => json(res, 200, { ok: true }))
    const s = await serve((_req, res) => {
      res.writeHead(302, { location: `${target.url}/elsewhere` })
      res.end()
    })
    const e = await failure(createHttpClient().request(get(`${s.url}/x`, { headers: { cookie: 'session=SECRET' } })))
    expect(e.code).toBe('invalid-response')
    expect(e.message).toMatch(/redirected/)
    expect(target.hits()).toBe(0)
  })
})

describe('2xx bodies', () => {
  it('parses JSON and hands back status and headers', async () => {
    const s = await serve((_req, res) => json(res, 200, { hello: 'world' }, { 'x-thing': '1' }))
    const r = await createHttpClient().request<{ hello: string }>(get(`${s.url}/x`))
    expect(r.status).toBe(200)
    expect(r.data.hello).toBe('world')
    expect(r.headers.get('x-thing')).toBe('1')
  })

  it('an HTML page where JSON was expected → invalid-response naming the host and status', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!doctype html><title>Sign in</title>')
    })
    const e = await failure(createHttpClient().request(get(`${s.url}/x`)))
    expect(e.code).toBe('invalid-response')
    expect(e.message).toBe(`${new URL(s.url).host} answered with an HTML page instead of JSON (status 200).`)
  })

  it('malformed JSON → invalid-response, not retried', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"services": [')
    })
    const e = await failure(createHttpClient().request(get(`${s.url}/x`)))
    expect(e.code).toBe('invalid-response')
    expect(e.message).toMatch(/malformed JSON \(status 200\)/)
    expect(s.hits()).toBe(1)
  })

  it("responseType 'bytes' gives a Uint8Array and 'text' a string", async () => {
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff])
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' })
      res.end(pdf)
    })
    const http = createHttpClient()
    const bytes = await http.request<Uint8Array>(get(`${s.url}/pdf`, { responseType: 'bytes' }))
    expect(bytes.data).toBeInstanceOf(Uint8Array)
    expect([...bytes.data]).toEqual([...pdf])
    const text = await http.request<string>(get(`${s.url}/pdf`, { responseType: 'text' }))
    expect(typeof text.data).toBe('string')
    expect(text.data.startsWith('%PDF')).toBe(true)
  })

  it('sends the user agent, JSON bodies and the caller’s headers', async () => {
    const s = await serve((_req, res) => json(res, 201, { ok: true }))
    const http = createHttpClient({ userAgent: 'Flotilla/9.9.9' })
    await http.request(get(`${s.url}/x`, { method: 'POST', body: { a: 1 }, headers: { 'x-api-key': 'k' } }))
    const h = s.headersSeen[0]
    expect(h?.['user-agent']).toBe('Flotilla/9.9.9')
    expect(h?.['content-type']).toBe('application/json')
    expect(h?.['x-api-key']).toBe('k')
  })
})

describe('retries', () => {
  it('a GET that keeps failing with 5xx is tried 4 times, backing off 2 s, 4 s, 8 s (the default schedule)', async () => {
    const clock = fakeClock()
    const s = await serve((_req, res) => json(res, 502, { error: 'Upstream provider error' }))
    const e = await failure(clientWith(clock).request(get(`${s.url}/x`)))
    expect(e.code).toBe('upstream')
    expect(e.status).toBe(502)
    expect(s.hits()).toBe(4)
    expect(clock.slept).toEqual([2000, 4000, 8000])
  })

  it('a GET that fails twice then succeeds returns the answer', async () => {
    const clock = fakeClock()
    const s = await serve((_req, res, hit) => (hit <= 2 ? json(res, 503, { error: 'busy' }) : json(res, 200, { ok: 1 })))
    const r = await clientWith(clock).request<{ ok: number }>(get(`${s.url}/x`))
    expect(r.data.ok).toBe(1)
    expect(s.hits()).toBe(3)
    expect(clock.slept).toEqual([2000, 4000])
  })

  it('a POST is not retried on 5xx unless the caller says so', async () => {
    const clock = fakeClock()
    const s = await serve((_req, res) => json(res, 502, { error: 'Upstream provider error' }))
    const http = clientWith(clock)
    const e = await failure(http.request(get(`${s.url}/orders`, { method: 'POST', body: { variantId: 'v' } })))
    expect(e.code).toBe('upstream')
    expect(s.hits()).toBe(1)
    expect(clock.slept).toEqual([])
    await failure(http.request(get(`${s.url}/power`, { method: 'POST', body: {}, retry: true })))
    expect(s.hits()).toBe(5)
  })

  it('a GET with retry:false is tried once', async () => {
    const s = await serve((_req, res) => json(res, 500, { error: 'boom' }))
    await failure(clientWith(fakeClock()).request(get(`${s.url}/x`, { retry: false })))
    expect(s.hits()).toBe(1)
  })

  it('4xx is never retried', async () => {
    const clock = fakeClock()
    const s = await serve((_req, res) => json(res, 404, { error: 'Service not found' }))
    const e = await failure(clientWith(clock).request(get(`${s.url}/x`)))
    expect(e.code).toBe('not-found')
    expect(s.hits()).toBe(1)
    expect(clock.slept).toEqual([])
  })

  it('a connection reset mid-flight is retried, then reported as a dropped connection', async () => {
    const clock = fakeClock()
    const s = await serve((req) => req.socket.destroy())
    const e = await failure(clientWith(clock).request(get(`${s.url}/x`)))
    expect(e.code).toBe('upstream')
    expect(e.status).toBeUndefined()
    expect(e.message).toMatch(/dropped the connection.*tried 4 times/)
    expect(s.hits()).toBe(4)
    expect(clock.slept).toEqual([2000, 4000, 8000])
  })

  it('a reset then an answer succeeds', async () => {
    const s = await serve((req, res, hit) => (hit === 1 ? req.socket.destroy() : json(res, 200, { ok: true })))
    const r = await clientWith(fakeClock()).request<{ ok: boolean }>(get(`${s.url}/x`))
    expect(r.data.ok).toBe(true)
  })

  it('a timeout is not retried (one deadline per request, not four) and is reported as timeout', async () => {
    const clock = fakeClock()
    const s = await serve(() => {
      /* never answers */
    })
    const e = await failure(clientWith(clock, { timeoutMs: 150, retryDelaysMs: [5, 5] }).request(get(`${s.url}/x`)))
    expect(e.code).toBe('timeout')
    expect(e.message).toMatch(/did not answer within 150 ms/)
    expect(s.hits()).toBe(1)
    expect(clock.slept).toEqual([])
  })

  it('a closed port is offline at once ("cannot reach host"), not retried', async () => {
    const s = await serve(() => undefined)
    const url = s.url
    servers.splice(servers.indexOf(s), 1)
    await s.close()
    const clock = fakeClock()
    const e = await failure(clientWith(clock).request(get(`${url}/x`)))
    expect(e.code).toBe('offline')
    expect(e.message).toBe(`Cannot reach host ${new URL(url).host}.`)
    expect(clock.slept).toEqual([])
  })

  it('an aborted signal → cancelled', async () => {
    const s = await serve(() => undefined)
    const ctrl = new AbortController()
    const p = createHttpClient().request(get(`${s.url}/x`, { signal: ctrl.signal }))
    setTimeout(() => ctrl.abort(), 50)
    const e = await failure(p)
    expect(e.code).toBe('cancelled')
  })
})

describe('rate limits', () => {
  it('waitOnRateLimit: a 429 with retryAfter is waited out, then retried', async () => {
    const clock = fakeClock()
    const s = await serve((_req, res, hit) =>
      hit === 1
        ? json(res, 429, { success: false, error: 'Rate limit exceeded', retryAfter: 7 }, { 'retry-after': '7' })
        : json(res, 200, { success: true })
    )
    const r = await clientWith(clock).request(get(`${s.url}/services`, { waitOnRateLimit: true }))
    expect(r.status).toBe(200)
    expect(s.hits()).toBe(2)
    expect(clock.slept).toEqual([7000])
  })

  it('the Retry-After header alone is enough', async () => {
    const clock = fakeClock()
    const s = await serve((_req, res, hit) =>
      hit === 1 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '3' }) : json(res, 200, {})
    )
    await clientWith(clock).request(get(`${s.url}/x`, { waitOnRateLimit: true }))
    expect(clock.slept).toEqual([3000])
  })

  it('without waitOnRateLimit a 429 fails at once with retryAfterSec', async () => {
    const clock = fakeClock()
    const s = await serve((_req, res) => json(res, 429, { success: false, error: 'Rate limit exceeded', retryAfter: 60 }))
    const e = await failure(clientWith(clock).request(get(`${s.url}/x`)))
    expect(e.code).toBe('rate-limited')
    expect(e.retryAfterSec).toBe(60)
    expect(e.message).toBe('Rate limit exceeded')
    expect(s.hits()).toBe(1)
    expect(clock.slept).toEqual([])
  })

  it('a 429 asking for longer than maxRateLimitWaitSec fails at once', async () => {
    const clock = fakeClock()
    const s = await serve((_req, res) => json(res, 429, { error: 'Rate limit exceeded', retryAfter: 600 }))
    const e = await failure(clientWith(clock).request(get(`${s.url}/x`, { waitOnRateLimit: true })))
    expect(e.code).toBe('rate-limited')
    expect(e.retryAfterSec).toBe(600)
    expect(s.hits()).toBe(1)
    expect(clock.slept).toEqual([])
  })

  it('at most 3 rate-limit waits per request, counted apart from 5xx retries', async () => {
    const clock = fakeClock()
    const s = await serve((_req, res, hit) =>
      hit === 1 ? json(res, 502, { error: 'x' }) : json(res, 429, { error: 'Rate limit exceeded', retryAfter: 1 })
    )
    const e = await failure(clientWith(clock).request(get(`${s.url}/x`, { waitOnRateLimit: true })))
    expect(e.code).toBe('rate-limited')
    expect(s.hits()).toBe(5)
    expect(clock.slept).toEqual([2000, 1000, 1000, 1000])
  })

  it('holds the account’s next request until X-RateLimit-Reset once Remaining hits 0', async () => {
    const clock = fakeClock()
    const resetAt = clock.now() + 4500
    const arrivals: number[] = []
    const s = await serve((_req, res) => {
      arrivals.push(clock.now())
      json(res, 200, {}, { 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) })
    })
    const http = clientWith(clock)
    await http.request(get(`${s.url}/a`))
    await http.request(get(`${s.url}/b`))
    expect(clock.slept).toEqual([4500])
    expect(arrivals[1]).toBe(resetAt)
    // Another account is not held.
    await http.request(get(`${s.url}/c`, { accountId: 'acc_other0001' }))
    expect(clock.slept).toEqual([4500])
  })

  it('a hold longer than maxRateLimitWaitSec fails without sending anything', async () => {
    const clock = fakeClock()
    const s = await serve((_req, res) =>
      json(res, 200, {}, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(clock.now() + 300_000) })
    )
    const http = clientWith(clock)
    await http.request(get(`${s.url}/a`))
    const e = await failure(http.request(get(`${s.url}/b`)))
    expect(e.code).toBe('rate-limited')
    expect(e.retryAfterSec).toBe(300)
    expect(s.hits()).toBe(1)
  })
})

describe('concurrency and logging', () => {
  it('caps in-flight requests per account, independently for each account', async () => {
    const inFlight = new Map<string, number>()
    const peak = new Map<string, number>()
    const s = await serve((req, res) => {
      const acc = String(req.headers['x-acc'])
      const n = (inFlight.get(acc) ?? 0) + 1
      inFlight.set(acc, n)
      peak.set(acc, Math.max(peak.get(acc) ?? 0, n))
      setTimeout(() => {
        inFlight.set(acc, (inFlight.get(acc) ?? 1) - 1)
        json(res, 200, {})
      }, 40)
    })
    const http = createHttpClient({ perAccountConcurrency: 3 })
    const fire = (acc: string) =>
      Array.from({ length: 10 }, () => http.request(get(`${s.url}/x`, { accountId: acc, headers: { 'x-acc': acc } })))
    await Promise.all([...fire('acc_aaaaaaaa'), ...fire('acc_bbbbbbbb')])
    expect(peak.get('acc_aaaaaaaa')).toBe(3)
    expect(peak.get('acc_bbbbbbbb')).toBe(3)
    expect(s.hits()).toBe(20)
  })

  it('onRequest records each attempt without headers, bodies or query secrets', async () => {
    const records: RequestRecord[] = []
    const s = await serve((_req, res, hit) => (hit === 1 ? json(res, 500, {}) : json(res, 200, { secret: 'body' })))
    const http = clientWith(fakeClock(), { onRequest: (r) => records.push(r) })
    await http.request(get(`${s.url}/services?page=2&token=SECRET123`, { headers: { 'x-api-key': 'KEY123' } }))
    expect(records.map((r) => [r.attempt, r.status, r.errorCode])).toEqual([
      [1, 500, 'upstream'],
      [2, 200, undefined]
    ])
    const logged = JSON.stringify(records)
    expect(logged).not.toContain('SECRET123')
    expect(logged).not.toContain('KEY123')
    expect(logged).not.toContain('body')
    expect(records[0]?.url).toContain('page=2')
    expect(records[0]?.method).toBe('GET')
    expect(typeof records[0]?.ms).toBe('number')
  })

  it('never puts the credential header into an error', async () => {
    const s = await serve((_req, res) => json(res, 401, { success: false, error: 'Authentication required' }))
    const e = await failure(createHttpClient().request(get(`${s.url}/x`, { headers: { 'x-api-key': 'sk_live_SECRET' } })))
    expect(JSON.stringify(e.toJSON())).not.toContain('sk_live_SECRET')
    expect(e.message).not.toContain('sk_live_SECRET')
  })
})
