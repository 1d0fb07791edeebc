// Adapter behaviour the simulators do not produce on purpose: providers whose
// totals lie, every elizon status word, success:false on a 2xx, bodies of the
// wrong shape. Each case runs against a small real HTTP server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { failure } from '../../../test/support/adapter-context'
import { createHttpClient } from '../http/fetch-http-client'
import { aluyAdapter } from './aluy/aluy-adapter'
import { elizonAdapter } from './elizon/elizon-adapter'
import type { AccountContext } from './provider-adapter'

type Handler = (url: URL, req: IncomingMessage, res: ServerResponse) => void
const closers: Array<() => Promise<void>> = []

afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()))
})

async function serve(handler: Handler): Promise<{ origin: string; hits: () => number }> {
  let hits = 0
  const server = createServer((req, res) => {
    hits++
    handler(new URL(req.url ?? '/', 'http://x'), req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  )
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

function ctx(baseUrl: string, credential = 'CREDENTIAL_VALUE_123'): AccountContext {
  return {
    accountId: 'acc_edge0001',
    baseUrl,
    credential,
    http: createHttpClient({ retryDelaysMs: [1, 1, 1], timeoutMs: 2000 })
  }
}

function elizonService(id: string, status: string): Record<string, unknown> {
  return {
    id,
    name: `srv-${id}`,
    status,
    type: 'PROXMOX',
    product: { name: 'VPS S', slug: 'vps-s' },
    location: { id: 1, name: 'Nürnberg', city: 'Nürnberg', flag: 'de' },
    ip: '198.51.100.7',
    ipv6: null,
    resources: { cpu: 2, ramMb: 4096, diskGb: 80 },
    price: { amountCents: 899, cycleDays: 30, currency: 'EUR' },
    createdAt: '2026-10-01T00:00:00.000Z',
    expiresAt: null,
    cancelAtPeriodEnd: false
  }
}

describe('paging guards', () => {
  it('aluy: a total that never ends stops when a page repeats what was seen', async () => {
    const s = await serve((_url, _req, res) =>
      json(res, 200, { services: [{ id: 'svc1', kind: 'DEDICATED', status: 'ACTIVE', label: 'one' }], total: 1_000_000 })
    )
    const servers = await aluyAdapter.listServers(ctx(`${s.origin}/api/reseller/v1`))
    expect(servers.map((x) => x.id)).toEqual(['svc1'])
    expect(s.hits()).toBe(2)
  })

  it('aluy: a total larger than what exists stops at the first empty page', async () => {
    const s = await serve((url, _req, res) => {
      const offset = Number(url.searchParams.get('offset'))
      const services = offset === 0 ? [{ id: 'a', kind: 'LIR', status: 'ACTIVE' }] : []
      json(res, 200, { services, total: 500 })
    })
    const servers = await aluyAdapter.listServers(ctx(`${s.origin}/api/reseller/v1`))
    expect(servers).toHaveLength(1)
    expect(s.hits()).toBe(2)
  })

  it('elizon: pages that never end stop when a page brings nothing new', async () => {
    const s = await serve((_url, _req, res) =>
      json(res, 200, { success: true, services: [elizonService('1', 'RUNNING')], pagination: { page: 1, limit: 100, total: 9e9, pages: 9e7 } })
    )
    const servers = await elizonAdapter.listServers(ctx(`${s.origin}/api`))
    expect(servers).toHaveLength(1)
    expect(s.hits()).toBe(2)
  })
})

describe('paging many pages', () => {
  /** An aluy-shaped list of `count` services that answers after `delayMs` and notes how many requests overlap. */
  async function slowAluyList(count: number, pageCap: number, delayMs: number) {
    let open = 0
    let maxOpen = 0
    const s = await serve((url, _req, res) => {
      open++
      maxOpen = Math.max(maxOpen, open)
      const limit = Math.min(Number(url.searchParams.get('limit')), pageCap)
      const offset = Number(url.searchParams.get('offset'))
      const services = Array.from({ length: Math.max(0, Math.min(limit, count - offset)) }, (_, i) => ({
        id: `svc${offset + i}`,
        kind: 'DEDICATED',
        status: 'ACTIVE',
        label: `s${offset + i}`
      }))
      setTimeout(() => {
        open--
        json(res, 200, { services, total: count })
      }, delayMs)
    })
    return { ...s, maxOpen: () => maxOpen }
  }

  it('aluy: reads the pages after the second several at a time, within the per-account cap, in list order', async () => {
    const s = await slowAluyList(1000, 100, 30)
    const servers = await aluyAdapter.listServers(ctx(`${s.origin}/api/reseller/v1`))
    expect(servers.map((x) => x.id)).toEqual(Array.from({ length: 1000 }, (_, i) => `svc${i}`))
    expect(s.hits()).toBe(10)
    expect(s.maxOpen()).toBeGreaterThan(1)
    expect(s.maxOpen()).toBeLessThanOrEqual(4)
  })

  it('aluy: a provider that caps the page size is paged by its own size, nothing skipped', async () => {
    const s = await slowAluyList(230, 50, 1)
    const servers = await aluyAdapter.listServers(ctx(`${s.origin}/api/reseller/v1`))
    expect(servers.map((x) => x.id)).toEqual(Array.from({ length: 230 }, (_, i) => `svc${i}`))
    expect(s.hits()).toBe(5)
  })

  it('elizon: reads every page the first one announces', async () => {
    const s = await serve((url, _req, res) => {
      const page = Number(url.searchParams.get('page'))
      const services = Array.from({ length: page < 5 ? 100 : 20 }, (_, i) => elizonService(String((page - 1) * 100 + i), 'RUNNING'))
      json(res, 200, { success: true, services, pagination: { page, limit: 100, total: 420, pages: 5 } })
    })
    const servers = await elizonAdapter.listServers(ctx(`${s.origin}/api`))
    expect(servers).toHaveLength(420)
    expect(new Set(servers.map((x) => x.id)).size).toBe(420)
    expect(s.hits()).toBe(5)
  })
})

describe('elizon normalisation', () => {
  it('maps every documented status word, and an unknown one to unknown', async () => {
    const words = ['RUNNING', 'STOPPED', 'PENDING', 'INSTALLING', 'SUSPENDED', 'CANCELLED', 'TERMINATED', 'ERROR', 'MIGRATING']
    const s = await serve((_url, _req, res) =>
      json(res, 200, {
        success: true,
        services: words.map((w, i) => elizonService(String(i), w)),
        pagination: { page: 1, limit: 100, total: words.length, pages: 1 }
      })
    )
    const servers = await elizonAdapter.listServers(ctx(`${s.origin}/api`))
    expect(servers.map((x) => [x.statusText, x.status, x.power])).toEqual([
      ['RUNNING', 'active', 'running'],
      ['STOPPED', 'active', 'stopped'],
      ['PENDING', 'pending', 'unknown'],
      ['INSTALLING', 'pending', 'unknown'],
      ['SUSPENDED', 'suspended', 'unknown'],
      ['CANCELLED', 'cancelled', 'unknown'],
      ['TERMINATED', 'terminated', 'unknown'],
      ['ERROR', 'unknown', 'unknown'],
      ['MIGRATING', 'unknown', 'unknown']
    ])
    expect(servers[0]).toMatchObject({
      key: 'acc_edge0001:0',
      provider: 'elizon',
      kind: 'VPS',
      label: 'srv-0',
      primaryIpv4: '198.51.100.7',
      primaryIpv6: null,
      location: 'Nürnberg',
      vcpu: 2,
      ramMb: 4096,
      diskGb: 80,
      monthlyPriceCents: 899,
      hourlyRateCents: null
    })
  })

  it('tolerates missing optional fields and alternative names', async () => {
    const s = await serve((_url, _req, res) =>
      json(res, 200, {
        success: true,
        services: [
          { id: 42, status: 'RUNNING', type: 'PTERODACTYL', resources: { cores: 1, ram: 2048, disk: 10 }, price: { amountCents: 500, cycleDays: 7 } },
          { id: 'x', status: 'STOPPED' }
        ],
        pagination: { total: 2, pages: 1 }
      })
    )
    const [game, bare] = await elizonAdapter.listServers(ctx(`${s.origin}/api`))
    expect(game).toMatchObject({ id: '42', kind: 'GAMESERVER', vcpu: 1, ramMb: 2048, diskGb: 10, monthlyPriceCents: null, location: null })
    expect(bare).toMatchObject({ id: 'x', kind: 'UNKNOWN', label: 'x', vcpu: null, primaryIpv4: null, createdAt: null })
  })

  it('success:false on a 200 is an error carrying elizon’s words', async () => {
    const s = await serve((_url, _req, res) => json(res, 200, { success: false, error: 'Something broke' }))
    const e = await failure(elizonAdapter.listServers(ctx(`${s.origin}/api`)))
    expect(e.code).toBe('upstream')
    expect(e.message).toBe('Something broke')
  })

  it('a body of the wrong shape is invalid-response, and verify says so in words', async () => {
    const s = await serve((_url, _req, res) => json(res, 200, { success: true, services: 'none' }))
    const e = await failure(elizonAdapter.listServers(ctx(`${s.origin}/api`)))
    expect(e.code).toBe('invalid-response')
    expect(e.message).toMatch(/unexpected shape \(services:/)
    const v = await elizonAdapter.verify(ctx(`${s.origin}/api`))
    expect(v).toMatchObject({ outcome: 'invalid-response', ok: false })
  })

  it('verify: a 403 on the list means the key lacks a permission', async () => {
    const s = await serve((_url, _req, res) => json(res, 403, { success: false, error: 'Insufficient permissions', errorKey: 'FORBIDDEN' }))
    expect(await elizonAdapter.verify(ctx(`${s.origin}/api`))).toMatchObject({
      outcome: 'key-lacks-permission',
      ok: false,
      detail: 'Insufficient permissions'
    })
  })

  it('sends the key in x-api-key and nothing else identifying', async () => {
    let seen: IncomingMessage['headers'] = {}
    const s = await serve((_url, req, res) => {
      seen = req.headers
      json(res, 200, { success: true, services: [], pagination: { total: 0, pages: 0 } })
    })
    await elizonAdapter.verify(ctx(`${s.origin}/api`, 'ek_test_key'))
    expect(seen['x-api-key']).toBe('ek_test_key')
    expect(seen.cookie).toBeUndefined()
  })
})

describe('aluy normalisation', () => {
  it('a wrong-shaped balance is invalid-response; 404 on a wrong base URL is provider-error', async () => {
    const s = await serve((url, _req, res) =>
      url.pathname.startsWith('/api/reseller/v1/') ? json(res, 200, { balance: 'lots' }) : json(res, 404, { error: 'Not found' })
    )
    expect(await aluyAdapter.verify(ctx(`${s.origin}/api/reseller/v1`))).toMatchObject({ outcome: 'invalid-response' })
    expect(await aluyAdapter.verify(ctx(`${s.origin}/wrong`))).toMatchObject({ outcome: 'provider-error', detail: 'Not found' })
  })

  it('429 is the VPS quota, not a rate limit', async () => {
    const s = await serve((_url, _req, res) => json(res, 429, { error: 'VPS limit reached (3/3).', current: 3, limit: 3 }))
    const e = await failure(aluyAdapter.listServers(ctx(`${s.origin}/api/reseller/v1`)))
    expect(e).toMatchObject({ code: 'quota-exceeded', current: 3, limit: 3, status: 429 })
  })

  it('sends the session as a cookie named after the scheme', async () => {
    let cookie: string | undefined
    const s = await serve((_url, req, res) => {
      cookie = req.headers.cookie
      json(res, 200, { balanceCents: 1, billingMode: 'PREPAID' })
    })
    await aluyAdapter.verify(ctx(`${s.origin}/api/reseller/v1`, 'TOKENVALUE'))
    expect(cookie).toBe('next-auth.session-token=TOKENVALUE')
  })
})
