// The HTTP client's streams and account scope against real local servers:
// chunks in order, the header deadline that does not cut a live stream, the
// caller's cancel, errors mapped and scrubbed, and queues kept per origin.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { failure } from '../../../test/support/adapter-context'
import { FlotillaError } from '../../shared/errors'
import { scopeFor, scopedHttp, scrubberFor } from './credential-scope'
import { createHttpClient } from './fetch-http-client'
import type { HttpRequest } from './http-client'

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections()
          s.close(() => resolve())
        })
    )
  )
})

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const get = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({ accountId: 'acc_stream01', method: 'GET', url, ...extra })
const decode = (chunks: Uint8Array[]): string => Buffer.concat(chunks).toString('utf8')

describe('stream', () => {
  it('hands every chunk over in order and resolves when the host ends', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write('one ')
      setTimeout(() => res.end('two'), 30)
    })
    const chunks: Uint8Array[] = []
    await createHttpClient().stream(get(url), (c) => chunks.push(c))
    expect(decode(chunks)).toBe('one two')
  })

  it('the deadline covers the headers only: a live stream outlasts it', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200)
      res.write('a')
      setTimeout(() => res.end('b'), 2500)
    })
    const chunks: Uint8Array[] = []
    await createHttpClient({ timeoutMs: 1000 }).stream(get(url), (c) => chunks.push(c))
    expect(decode(chunks)).toBe('ab')
  })

  it('no headers within the deadline is a timeout', async () => {
    const url = await serve(() => undefined)
    expect((await failure(createHttpClient({ timeoutMs: 150 }).stream(get(url), () => undefined))).code).toBe('timeout')
  })

  it("the caller's abort ends it as cancelled", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200)
      res.write('x')
    })
    const abort = new AbortController()
    const done = createHttpClient().stream(get(url, { signal: abort.signal }), () => abort.abort())
    expect((await failure(done)).code).toBe('cancelled')
  })

  it('an error answer is mapped and scrubbed like any other', async () => {
    const url = await serve((req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: `key ${String(req.headers['x-api-key'])} lacks console` }))
    })
    const http = scopedHttp(createHttpClient(), scopeFor(url, 'ek_stream_secret_1'))
    const e = await failure(http.stream(get(url, { headers: { 'x-api-key': 'ek_stream_secret_1' } }), () => undefined))
    expect(e.code).toBe('forbidden')
    expect(e.message).toBe('key [redacted] lacks console')
  })

  it("what the chunk handler throws (the SSE parser's too-large) is the stream's error", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200)
      res.write('x')
    })
    const e = await failure(
      createHttpClient().stream(get(url), () => {
        throw new FlotillaError('too-large', 'event too large')
      })
    )
    expect(e.code).toBe('too-large')
  })
})

describe('queues per account and origin', () => {
  it("one account's hung origin does not hold its requests to another origin", async () => {
    const hung = await serve(() => undefined)
    const fine = await serve((_req, res) => res.end('{"ok":true}'))
    const http = createHttpClient({ perAccountConcurrency: 1, timeoutMs: 2000, retryDelaysMs: [] })
    const stuck = http.request(get(`${hung}/x`)).catch((e: unknown) => e)
    const order: string[] = []
    await http.request(get(`${fine}/y`)).then(() => order.push('fine'))
    await stuck.then(() => order.push('hung'))
    expect(order).toEqual(['fine', 'hung'])
  })
})

describe('scrubberFor', () => {
  it('removes the exact secret from a 2xx body but leaves token-shaped data (console tickets) alone', () => {
    const scrub = scrubberFor(scopeFor('https://elizon.app/api', 'ek_secret_value'))
    expect(scrub.data({ a: ['ek_secret_value!'], url: 'wss://pve.example/ws?token=abc123' })).toEqual({
      a: ['[redacted]!'],
      url: 'wss://pve.example/ws?token=abc123'
    })
    expect(scrub.text('x-api-key: ek_other token=abc')).not.toMatch(/ek_other/)
  })
})
