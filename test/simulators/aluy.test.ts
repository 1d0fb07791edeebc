// The aluy simulator over real HTTP: auth, pagination, lifecycle, orders, PDFs.
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAluySimulator, type AluySimulator } from './index'

let sim: AluySimulator
let cookie: string

beforeAll(async () => {
  sim = await startAluySimulator({ seed: 3, accounts: 2, serversPerAccount: 12, invoicesPerAccount: 4 })
  cookie = `__Secure-next-auth.session-token=${sim.accounts[0]!.credential}`
})
afterAll(() => sim.close())

function call(path: string, init: RequestInit & { cookieHeader?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const c = init.cookieHeader ?? cookie
  if (c) headers.cookie = c
  return fetch(sim.url + path, { ...init, headers })
}

async function body<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T
}

describe('aluy auth', () => {
  it('answers 403 "Reseller access required" without, or with an unknown, session', async () => {
    for (const c of ['', '__Secure-next-auth.session-token=nope']) {
      const res = await call('/balance', { cookieHeader: c })
      expect(res.status).toBe(403)
      expect(await body(res)).toEqual({ error: 'Reseller access required' })
    }
  })

  it('accepts both cookie names', async () => {
    expect((await call('/balance')).status).toBe(200)
    const plain = await call('/balance', { cookieHeader: `other=1; next-auth.session-token=${sim.accounts[0]!.credential}` })
    expect(plain.status).toBe(200)
  })

  it('tells a non-reseller apart from an expired session through /api/auth/session', async () => {
    const customer = sim.addAccount({ reseller: false, servers: 1 })
    const customerCookie = `__Secure-next-auth.session-token=${customer.credential}`
    expect((await call('/services', { cookieHeader: customerCookie })).status).toBe(403)
    const session = await body<{ user?: { email: string }; expires?: string }>(await fetch(`${sim.origin}/api/auth/session`, { headers: { cookie: customerCookie } }))
    expect(session.user?.email).toMatch(/@/)
    expect(Date.parse(session.expires ?? '')).toBeGreaterThan(Date.now())

    sim.expireCredential(customer.id)
    const after = await fetch(`${sim.origin}/api/auth/session`, { headers: { cookie: customerCookie } })
    expect(await after.json()).toEqual({})
  })

  it('expires a reseller session: 403 from the API', async () => {
    const extra = sim.addAccount({ servers: 1 })
    const c = `__Secure-next-auth.session-token=${extra.credential}`
    expect((await call('/balance', { cookieHeader: c })).status).toBe(200)
    sim.expireCredential(extra.id)
    expect((await call('/balance', { cookieHeader: c })).status).toBe(403)
  })

  it('records who sent each request', async () => {
    const before = sim.requests.length
    await call('/products')
    const record = sim.requests[before]!
    expect(record).toMatchObject({ method: 'GET', path: '/api/reseller/v1/products', status: 200, accountId: sim.accounts[0]!.id })
  })
})

describe('aluy services', () => {
  it('pages with limit/offset and reports quota and hourly summary', async () => {
    const res = await call('/services?limit=5&offset=10')
    const page = await body<{ services: { id: string }[]; total: number; limit: number; offset: number; quota: unknown; hourly: unknown }>(res)
    expect(page.total).toBe(12)
    expect(page.services).toHaveLength(2)
    expect(page).toMatchObject({ limit: 5, offset: 10 })
    expect(page.quota).toHaveProperty('vps.used')
    expect(page.hourly).toHaveProperty('totalHourlyRateCents')
    expect(page.services.map((s) => s.id)).toEqual(sim.state.servicesOf(sim.accounts[0]!.id).slice(10).map((s) => s.id))
  })

  it('rejects bad limit, kind and status values with 400', async () => {
    for (const q of ['limit=0', 'limit=101', 'offset=-1', 'kind=VM', 'status=RUNNING']) {
      expect((await call(`/services?${q}`)).status, q).toBe(400)
    }
    const filtered = await body<{ services: { kind: string }[] }>(await call('/services?kind=VPS&status=ACTIVE'))
    expect(filtered.services.length).toBeGreaterThan(0)
    expect(filtered.services.every((s) => s.kind === 'VPS')).toBe(true)
  })

  it('seeds a mix: pending with a provision issue, suspended, terminated, non-VPS', () => {
    const all = sim.accounts.slice(0, 2).flatMap((a) => sim.state.servicesOf(a.id))
    expect(all.some((s) => s.status === 'PENDING' && s.provisionIssue)).toBe(true)
    expect(all.some((s) => s.status === 'SUSPENDED')).toBe(true)
    expect(all.some((s) => s.status === 'TERMINATED')).toBe(true)
    expect(all.some((s) => s.kind !== 'VPS')).toBe(true)
    expect(new Set(sim.accounts.slice(0, 2).map((a) => sim.state.account(a.id).billingMode)).size).toBe(2)
  })

  it('power actions change the live state; a bad action is a 400', async () => {
    const vps = sim.state.servicesOf(sim.accounts[0]!.id).find((s) => s.kind === 'VPS' && s.status === 'ACTIVE')!
    const power = (action: string) => call(`/services/${vps.id}/power`, { method: 'POST', body: JSON.stringify({ action }) })
    expect((await power('stop')).status).toBe(200)
    const stopped = await body<{ state: string; ipAddresses: { type: string }[] }>(await call(`/services/${vps.id}/status`))
    expect(stopped.state).toBe('stopped')
    expect(stopped.ipAddresses.map((a) => a.type)).toEqual(['ipv4', 'ipv6'])
    await power('start')
    expect((await body<{ state: string }>(await call(`/services/${vps.id}/status`))).state).toBe('running')
    expect((await power('explode')).status).toBe(400)
  })

  it('retry-provision replaces a failed service with a new id', async () => {
    const failed = sim.state.servicesOf(sim.accounts[0]!.id).find((s) => s.provisionIssue)!
    const detail = await body<{ service: { hasProvisionIssue: boolean } }>(await call(`/services/${failed.id}`))
    expect(detail.service.hasProvisionIssue).toBe(true)
    const res = await body<{ ok: boolean; serviceId: string; status: string }>(await call(`/services/${failed.id}/retry-provision`, { method: 'POST' }))
    expect(res).toMatchObject({ ok: true, status: 'ACTIVE' })
    expect(res.serviceId).not.toBe(failed.id)
    expect((await call(`/services/${failed.id}`)).status).toBe(404)
  })

  it('hands out a fresh console token per GET', async () => {
    const vps = sim.state.servicesOf(sim.accounts[0]!.id).find((s) => s.kind === 'VPS' && s.status === 'ACTIVE')!
    const a = await body<{ console: { wssUrl: string; enabled: boolean } }>(await call(`/services/${vps.id}/console`))
    const b = await body<{ console: { wssUrl: string } }>(await call(`/services/${vps.id}/console`))
    expect(a.console.enabled).toBe(true)
    expect(a.console.wssUrl).toMatch(/^wss:\/\/127\.0\.0\.1:1\/vnc\/\?token=/)
    expect(a.console.wssUrl).not.toBe(b.console.wssUrl)
  })
})

describe('aluy orders and billing', () => {
  it('a preset order creates a service and an invoice', async () => {
    const id = sim.accounts[0]!.id
    const { products } = await body<{ products: { category: string; variants: { id: string }[] }[] }>(await call('/products'))
    const variantId = products.find((p) => p.category === 'VPS')!.variants[0]!.id
    const servicesBefore = sim.state.servicesOf(id).length
    const invoicesBefore = sim.state.account(id).invoices.length
    const res = await call('/orders', { method: 'POST', body: JSON.stringify({ variantId, label: 'edge-test-01' }) })
    expect(res.status).toBe(201)
    const { order } = await body<{ order: { period: string; hourlyRateCents: number } }>(res)
    expect(order.period).toBe('hourly')
    expect(order.hourlyRateCents).toBeGreaterThan(0)
    expect(sim.state.servicesOf(id)).toHaveLength(servicesBefore + 1)
    expect(sim.state.servicesOf(id)[0]).toMatchObject({ label: 'edge-test-01', status: 'ACTIVE' })
    expect(sim.state.account(id).invoices).toHaveLength(invoicesBefore + 1)
  })

  it('answers 429 with current/limit at the POSTPAID cap and 402 for an empty PREPAID wallet', async () => {
    const postpaid = sim.accounts.find((a) => sim.state.account(a.id).billingMode === 'POSTPAID')!
    const account = sim.state.account(postpaid.id)
    const used = account.services.filter((s) => s.kind === 'VPS' && s.status !== 'TERMINATED').length
    account.vpsLimit = used
    const order = JSON.stringify({ type: 'vm-custom', ramGb: 2, cpuCores: 1, ssdGb: 40, location: 'de-fra' })
    const capped = await call('/orders', { method: 'POST', body: order, cookieHeader: `next-auth.session-token=${postpaid.credential}` })
    expect(capped.status).toBe(429)
    expect(await capped.json()).toMatchObject({ current: used, limit: used })

    const prepaid = sim.accounts.find((a) => sim.state.account(a.id).billingMode === 'PREPAID')!
    sim.state.account(prepaid.id).balanceCents = 0
    const broke = await call('/orders', { method: 'POST', body: order, cookieHeader: `next-auth.session-token=${prepaid.credential}` })
    expect(broke.status).toBe(402)
  })

  it('refuses to disable auto-charge while PREPAID (409)', async () => {
    const prepaid = sim.accounts.find((a) => sim.state.account(a.id).billingMode === 'PREPAID')!
    const res = await call('/balance', { method: 'PATCH', body: JSON.stringify({ invoiceAutoCharge: false }), cookieHeader: `next-auth.session-token=${prepaid.credential}` })
    expect(res.status).toBe(409)
  })

  it('serves a real PDF for current invoices and 400 for legacy ones', async () => {
    const invoices = sim.state.account(sim.accounts[0]!.id).invoices
    const current = invoices.find((i) => i.schemaVersion === 2)!
    const res = await call(`/invoices/${current.id}/pdf`)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    expect((await PDFDocument.load(bytes)).getTitle()).toBe(current.number)

    const legacy = invoices.find((i) => i.schemaVersion === 1)!
    const refused = await call(`/invoices/${legacy.id}/pdf`)
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({ error: 'PDF generation is only available for current-format invoices' })
  })

  it('answers 409 to a reply on a closed ticket', async () => {
    const closed = sim.state.account(sim.accounts[0]!.id).tickets.find((t) => t.status === 'CLOSED')!
    const res = await call(`/tickets/${closed.id}/reply`, { method: 'POST', body: JSON.stringify({ message: 'hello?' }) })
    expect(res.status).toBe(409)
    const list = await body<{ tickets: unknown[]; total: number }>(await call('/tickets?limit=2'))
    expect(list.tickets).toHaveLength(2)
  })
})

describe('aluy seeding', () => {
  it('is deterministic per seed and differs across seeds', async () => {
    const a = await startAluySimulator({ seed: 9, accounts: 1, serversPerAccount: 3 })
    const b = await startAluySimulator({ seed: 9, accounts: 1, serversPerAccount: 3 })
    const c = await startAluySimulator({ seed: 10, accounts: 1, serversPerAccount: 3 })
    try {
      const ids = (s: AluySimulator) => s.state.servicesOf(s.accounts[0]!.id).map((x) => `${x.id}:${x.label}:${x.createdAt}`)
      expect(a.accounts[0]!.credential).toBe(b.accounts[0]!.credential)
      expect(ids(a)).toEqual(ids(b))
      expect(c.accounts[0]!.credential).not.toBe(a.accounts[0]!.credential)
    } finally {
      await Promise.all([a.close(), b.close(), c.close()])
    }
  })

  it('seeds 10,000 services fast and pages them', async () => {
    const started = performance.now()
    const big = await startAluySimulator({ accounts: 1, serversPerAccount: 10_000, invoicesPerAccount: 1 })
    try {
      expect(performance.now() - started).toBeLessThan(2000)
      const res = await fetch(`${big.url}/services?limit=100&offset=9950`, { headers: { cookie: `next-auth.session-token=${big.accounts[0]!.credential}` } })
      const page = (await res.json()) as { services: unknown[]; total: number }
      expect(page.total).toBe(10_000)
      expect(page.services).toHaveLength(50)
    } finally {
      await big.close()
    }
  })
})
