// Contract: every response example in the elizon reference (extracted into
// test/fixtures/reference/elizon.json) is served exactly as written, over real
// HTTP, to the real adapter code path, and the values the reference implies are
// checked. The last test counts: every example is covered by a case here.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { getAdapter } from '../../src-main/core/providers/registry'
import examples from '../fixtures/reference/elizon.json'
import { ctxFor, failure } from '../support/adapter-context'

interface Example {
  provider: string
  kind: string
  method: string | null
  path: string | null
  status: number | null
  label: string
  line: number
  json: unknown
}

const adapter = getAdapter('elizon')
const responses = (examples as Example[]).filter((e) => e.provider === 'elizon' && e.kind === 'response')
const covered = new Set<number>()
const servers: HttpServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))))
})

function exampleWhere(find: (e: Example) => boolean): Example {
  const e = responses.find(find)
  if (!e) throw new Error('the reference has no such example')
  covered.add(e.line)
  return e
}

/** Serves the example's body with its status for every request; counts requests. */
async function serveExample(e: Example): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = []
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    res.writeHead(e.status ?? 200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(e.json))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(server)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, requests }
}

const ACCOUNT = { id: 'contract', credential: 'key-contract' }

describe('elizon reference examples through the adapter', () => {
  it('services list ("Antwortformat"): status RUNNING → active and running, name as label', async () => {
    const api = await serveExample(exampleWhere((e) => e.method === 'GET' && e.path === '/services'))
    const rows = await adapter.listServers(ctxFor(api, ACCOUNT))
    // Every page of the example's 5 answers with the same item: one row, no duplicates.
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id: 'abc123', label: 'My Server', status: 'active', statusText: 'RUNNING', power: 'running', powerText: null })
    expect(rows[0]?.warnings).toBeUndefined()
  })

  it('services list: verify counts pagination.total (42) with one request', async () => {
    const api = await serveExample(exampleWhere((e) => e.method === 'GET' && e.path === '/services'))
    expect(await adapter.verify(ctxFor(api, ACCOUNT))).toMatchObject({ ok: true, outcome: 'signed-in', serverCount: 42 })
    expect(api.requests).toHaveLength(1)
  })

  it('error ("Authentication required", 401) → api-key-rejected with the provider’s words', async () => {
    const api = await serveExample(exampleWhere((e) => e.status === 401))
    const result = await adapter.verify(ctxFor(api, ACCOUNT))
    expect(result).toMatchObject({ ok: false, outcome: 'api-key-rejected' })
  })

  it('validation error (400, validationErrors) → bad-request carrying each validation error', async () => {
    const api = await serveExample(exampleWhere((e) => e.status === 400))
    const e = await failure(adapter.tickets!.create(ctxFor(api, ACCOUNT), 'Help', '...', []))
    expect(e.code).toBe('bad-request')
    expect(e.issues).toEqual(["Variable 'SERVER_PORT' is required", "Variable 'MAX_PLAYERS' must be a number"])
    expect(api.requests).toHaveLength(1)
  })

  it('rate limit (429, retryAfter 60) → verify says rate-limited with retryAfterSec 60, without waiting', async () => {
    const api = await serveExample(exampleWhere((e) => e.status === 429))
    const result = await adapter.verify(ctxFor(api, ACCOUNT))
    expect(result).toMatchObject({ ok: false, outcome: 'rate-limited', retryAfterSec: 60 })
    expect(api.requests).toHaveLength(1)
  })

  it('tickets page (page/limit pagination) → an empty list read, no further pages for an empty one', async () => {
    const api = await serveExample(exampleWhere((e) => e.method === 'GET' && e.path === '/tickets'))
    expect(await adapter.tickets!.list(ctxFor(api, ACCOUNT))).toEqual([])
    expect(api.requests).toHaveLength(1)
  })

  it('invoices page (offset/hasMore) → an empty page ends the list even though hasMore says true', async () => {
    const api = await serveExample(exampleWhere((e) => e.method === 'GET' && e.path === '/invoices'))
    expect(await adapter.billing!.listInvoices(ctxFor(api, ACCOUNT))).toEqual([])
    expect(api.requests).toHaveLength(1)
  })

  it('covers every elizon response example in the reference', () => {
    expect(responses.length).toBe(6)
    expect([...covered].sort((a, b) => a - b)).toEqual(responses.map((e) => e.line).sort((a, b) => a - b))
  })
})
