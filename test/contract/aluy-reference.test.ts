// Contract: every example of the aluy reseller reference (extracted into
// test/fixtures/reference/aluy.json) goes through the aluy adapter's real code
// over real HTTP. Success bodies must parse and normalise to the values the
// reference implies; error bodies must become the typed error the status means
// (the reference: "switch on the HTTP status code, not the message"); request
// examples must match what the adapter sends. The last test counts that no
// example is left out.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHttpClient } from '../../src-main/core/http/fetch-http-client'
import { aluyAdapter } from '../../src-main/core/providers/aluy/aluy-adapter'
import type { AccountContext } from '../../src-main/core/providers/provider-adapter'
import { monthEndProjectionCents, monthlyCommittedCents, renewalsDueThisMonthCents } from '../../src-main/core/billing/billing-math'
import type { ParsedServerActionInput } from '../../src-main/shared/contracts/fleet'
import type { Server } from '../../src-main/shared/domain'
import { FlotillaError } from '../../src-main/shared/errors'
import fixtures from '../fixtures/reference/aluy.json'
import { startReferenceServer, type ReferenceEntry, type ReferenceServer } from './reference-server'

const entries = fixtures as ReferenceEntry[]
const PREFIX = '/api/reseller/v1'
const SID = 'clxsvc...'
let ref: ReferenceServer
let ctx: AccountContext
let covered = 0

beforeAll(async () => {
  ref = await startReferenceServer(entries, PREFIX)
  ctx = { accountId: 'acc_contract1', baseUrl: ref.url, credential: 'eyJhbGciOi.contract', http: createHttpClient({ retryDelaysMs: [1, 1, 1], timeoutMs: 3000 }) }
})
afterAll(() => ref.close())
beforeEach(() => ref.reset())

const servers = aluyAdapter.servers!
const orders = aluyAdapter.orders!
const billing = aluyAdapter.billing!
const keys = aluyAdapter.sshKeys!
const tickets = aluyAdapter.tickets!

/** The reference's example service as the fleet holds it. */
function server(over: Partial<Server> = {}): Server {
  return {
    key: `${ctx.accountId}:${SID}`, id: SID, accountId: ctx.accountId, provider: 'aluy', label: 'edge-fi-01', kind: 'VPS', status: 'active', statusText: 'ACTIVE',
    power: 'running', primaryIpv4: null, primaryIpv6: null, location: null, vcpu: null, ramMb: null, diskGb: null, hourlyRateCents: 7, monthlyPriceCents: null, createdAt: null, ...over
  }
}

function act(action: string, params?: unknown): Promise<unknown> {
  return servers.act(ctx, server({ status: action === 'retry-provision' ? 'pending' : 'active' }), { key: `${ctx.accountId}:${SID}`, action, ...(params ? { params } : {}) } as ParsedServerActionInput)
}

/** The adapter call that reaches each documented endpoint. */
const CALLS: Record<string, () => Promise<unknown>> = {
  'GET /balance': () => billing.snapshot(ctx),
  'PATCH /balance': () => billing.setAutoCharge(ctx, true),
  'GET /products': () => orders.catalog(ctx),
  'GET /vm-config': () => orders.catalog(ctx),
  'POST /promo/validate': () => orders.promo!(ctx, 'SUMMER10', 'clxvar...'),
  'POST /orders': () => orders.place!(ctx, { path: 'custom', accountId: ctx.accountId, period: 'hourly', label: 'edge-fi-01', sshKeyIds: ['12'], spec: { ramGb: 4, cpuCores: 2, ssdGb: 60, location: 'fi-hel', extraIpv4: 0 } }),
  'GET /orders': () => orders.list!(ctx),
  'GET /orders/:id': () => orders.detail!(ctx, 'clxord...'),
  'POST /orders/:id/pay': () => orders.pay!(ctx, 'clxord...'),
  'GET /services': () => aluyAdapter.listServers(ctx, undefined, { liveStatus: false }),
  'GET /services/:id': () => servers.detail(ctx, server()),
  'PATCH /services/:id': () => act('rename', { label: 'client-acme-edge-01' }),
  'POST /services/:id/cancel': () => act('cancel'),
  'POST /services/:id/resume': () => act('resume'),
  'POST /services/:id/suspend': () => act('suspend'),
  'POST /services/:id/unsuspend': () => act('unsuspend'),
  'POST /services/:id/reset-password': () => act('reset-password'),
  'POST /services/:id/retry-provision': () => act('retry-provision'),
  'POST /services/:id/upgrade': () => act('upgrade', { ramGb: 8, extraIpv4: 1 }),
  'POST /services/:id/reinstall': () => act('reinstall', { templateId: '42', hostname: 'edge-fi-01.example.com' }),
  'GET /services/:id/status': () => servers.liveStatus(ctx, [server()]),
  'POST /services/:id/power': () => act('restart'),
  'GET /services/:id/console': () => aluyAdapter.openConsole!(ctx, SID),
  'POST /services/:id/console': () => aluyAdapter.openConsole!(ctx, SID),
  'GET /services/:id/templates': () => servers.templates!(ctx, server()),
  'GET /ssh-keys': () => keys.list(ctx),
  'POST /ssh-keys': () => keys.add(ctx, 'laptop-ed25519', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI...'),
  'DELETE /ssh-keys/:id': () => keys.delete(ctx, '12'),
  'GET /invoices': () => billing.listInvoices(ctx),
  'GET /invoices/:id': () => billing.getInvoice(ctx, 'clxinv...'),
  'GET /invoices/:id/pdf': () => billing.getInvoicePdf(ctx, 'clxinv...'),
  'GET /tickets': () => tickets.list(ctx),
  'POST /tickets': () => tickets.create(ctx, 'Reverse DNS for vps-42', 'Please set rDNS for 203.0.113.5 to mail.mydomain.com', [SID]),
  'GET /tickets/:id': () => tickets.thread(ctx, 'clxtkt...'),
  'POST /tickets/:id/reply': () => tickets.reply(ctx, 'clxtkt...', 'Thanks, confirmed working.')
}

const placePreset = (): Promise<unknown> =>
  orders.place!(ctx, { path: 'preset', variantId: 'clxvar...', accountId: ctx.accountId, period: 'hourly', label: 'edge-fi-01', promoCode: 'SUMMER10', operatingSystemId: 42, sshKeyIds: ['12', '17'] })

/** What a status means, as the reference's Errors table says. */
const CODE_FOR: Record<number, string[]> = {
  400: ['bad-request', 'validation'],
  402: ['payment-required'],
  403: ['auth-expired'],
  404: ['not-found'],
  409: ['conflict'],
  429: ['quota-exceeded'],
  502: ['upstream'],
  503: ['unavailable', 'upstream']
}

/** Endpoints whose documented error is an answer, not a failure. */
const ERRORS_AS_ANSWERS: Record<string, (result: unknown) => void> = {
  // A legacy invoice: the 400 is "metadata only", told by its status.
  'GET /invoices/:id/pdf 400': (r) => expect(r).toMatchObject({ kind: 'legacy' }),
  // Live status of one server failing leaves that server out; the pass goes on.
  'GET /services/:id/status 502': (r) => expect((r as Map<string, unknown>).has(SID)).toBe(false)
}

async function outcome(call: () => Promise<unknown>): Promise<{ ok: true; value: unknown } | { ok: false; error: FlotillaError }> {
  try {
    return { ok: true, value: await call() }
  } catch (error) {
    if (error instanceof FlotillaError) return { ok: false, error }
    throw error
  }
}

describe('every aluy reference example through the adapter', () => {
  for (const e of entries) {
    const route = `${e.method} ${e.path}`
    it(`${e.kind} ${route} ${e.status ?? ''} (reference line ${e.line})`, async () => {
      const call = CALLS[route]
      expect(call, `no adapter call for ${route}`).toBeDefined()
      covered++
      if (e.kind === 'request') {
        const preset = typeof (e.json as Record<string, unknown>)['variantId'] === 'string'
        await outcome(preset ? placePreset : call!)
        const sent = ref.bodies.get(`${e.method} ${e.path.replace(':id', e.path.startsWith('/services') ? SID : 'x')}`) as Record<string, unknown> | undefined
        expect(sent, 'the adapter sent a body').toBeDefined()
        // Every key the adapter sends is one the reference's example names.
        for (const k of Object.keys(sent!)) expect(Object.keys(e.json as object)).toContain(k)
        return
      }
      if (e.status !== null && e.status >= 400) {
        ref.answer(e.method, e.path, { status: e.status, body: e.json })
        const got = await outcome(call!)
        const special = ERRORS_AS_ANSWERS[`${route} ${e.status}`]
        if (special) {
          expect(got.ok).toBe(true)
          special(got.ok ? got.value : null)
          return
        }
        expect(got.ok, 'the documented error fails the call').toBe(false)
        if (!got.ok) expect(CODE_FOR[e.status] ?? [], `${got.error.code}: ${got.error.message}`).toContain(got.error.code)
        return
      }
      ref.answer(e.method, e.path, { status: e.status ?? 200, body: e.json })
      const got = await outcome(call!)
      expect(got.ok ? null : `${got.error.code}: ${got.error.message}`).toBeNull()
      SUCCESS_CHECKS[route]?.(got.ok ? got.value : null)
    })
  }

  it('covers every example of the reference (85 at extraction)', () => {
    expect(covered).toBe(entries.length)
    expect(entries.filter((e) => e.provider === 'aluy')).toHaveLength(entries.length)
  })
})

/** The values each documented success body implies. */
const SUCCESS_CHECKS: Record<string, (value: unknown) => void> = {
  'GET /services': (v) => {
    const [s] = v as Server[]
    expect(s).toMatchObject({ id: SID, label: 'edge-fi-01', kind: 'VPS', status: 'active', statusText: 'ACTIVE', hourlyRateCents: 7, monthlyPriceCents: null })
    expect(s!.warnings).toBeUndefined()
  },
  'GET /services/:id/status': (v) => {
    expect((v as Map<string, unknown>).get(SID)).toMatchObject({ power: 'running', primaryIpv4: '203.0.113.5', primaryIpv6: '2001:db8::1', vcpu: 2, ramMb: 4096, diskGb: 60 })
  },
  'GET /services/:id': (v) => {
    expect(v).toMatchObject({ hasProvisionIssue: false, metadata: { vmLocation: 'fi-hel', ramGb: 4, cpuCores: 2, ssdGb: 60, externalId: '1234' }, billing: { hourlyRateCents: 7, billedHourlyCents: 7, billingPeriod: 'HOURLY' } })
  },
  'GET /ssh-keys': (v) => expect(v).toEqual([{ id: '12', name: 'laptop-ed25519', publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI...', createdAt: '2026-03-01T08:21:00.000Z' }]),
  'GET /invoices': (v) => expect(v).toMatchObject([{ id: 'clxinv...', number: 'INV-2026-001', netCents: 4990, vatCents: 0, totalCents: 4990, currency: 'EUR' }]),
  'GET /invoices/:id': (v) => expect(v).toMatchObject({ number: 'INV-2026-001', legacy: false, lines: [{ label: 'VPS Starter — 1 GB', totalCents: 4990 }], orderId: 'clxord...' }),
  'GET /tickets': (v) => expect(v).toMatchObject([{ id: 'clxtkt...', subject: 'Reverse DNS for vps-42', state: 'open' }]),
  'GET /balance': (v) => expect(v).toMatchObject({ wallet: { balanceCents: 4250, billingMode: 'POSTPAID' }, hourly: { totalHourlyRateCents: 84, pendingInvoiceCents: 1260 } })
}

describe('aluy billing from the reference example values (issue 11.2)', () => {
  it('projects the month end and the committed spend by hand computation', async () => {
    const list = entries.find((e) => e.method === 'GET' && e.path === '/services' && e.status === 200)!.json as { services: Record<string, unknown>[] }
    const hourly = list.services[0]!
    // The same service billed monthly, renewing on 30 April (the only monthly field the list has is nextDueAt).
    const monthly = { ...hourly, id: 'clxsvcM...', subscriptionBillingPeriod: 'MONTHLY', hourlyRateCents: null, nextDueAt: '2026-04-30T00:00:00.000Z' }
    ref.answer('GET', '/services', { status: 200, body: { ...list, services: [hourly, monthly] } })
    const snap = await billing.snapshot(ctx)
    const now = new Date('2026-04-23T15:00:00.000Z')
    // Monthly price = the detail's spec × /vm-config pricing:
    //   ramGb 4 × ramPer1GbCents 200 = 800; cpuCores 2 × cpuPerCoreCents 300 = 600; ssdGb 60 → 6 × ssdPer10GbCents 100 = 600
    //   800 + 600 + 600 = 2000 cents.
    expect(snap.services?.find((s) => s.id === 'clxsvcM...')?.monthlyPriceCents).toBe(2000)
    expect(monthlyCommittedCents(ctx.accountId, snap.services, [])).toBe(2000)
    // Month end = pending 1260 + totalHourlyRateCents 84 × hours left (23 Apr 15:00 → 1 May 00:00 = 7 d 9 h = 177 h)
    //   + the renewal due 30 Apr (2000): 1260 + 84 × 177 + 2000 = 1260 + 14868 + 2000 = 18128 cents.
    const projection = monthEndProjectionCents(snap.hourly!.pendingInvoiceCents, snap.hourly!.totalHourlyRateCents, now, renewalsDueThisMonthCents(snap.services, now))
    expect(projection).toBe(18128)
  })
})

describe('aluy per-item parsing (issue 11.10)', () => {
  it('a service without status is a row with a warning; the rest of the list is unaffected', async () => {
    const list = entries.find((e) => e.method === 'GET' && e.path === '/services' && e.status === 200)!.json as { services: Record<string, unknown>[] }
    const good = list.services[0]!
    const noStatus: Record<string, unknown> = { ...good, id: 'clxodd...' }
    delete noStatus['status']
    const oddValue = { ...good, id: 'clxodd2...', hourlyRateCents: 'seven' }
    ref.answer('GET', '/services', { status: 200, body: { ...list, services: [good, noStatus, oddValue, { label: 'no id' }], total: 4 } })
    const rows = await aluyAdapter.listServers(ctx, undefined, { liveStatus: false })
    expect(rows.map((r) => r.id)).toEqual([SID, 'clxodd...', 'clxodd2...'])
    expect(rows[0]!.warnings).toBeUndefined()
    expect(rows[1]).toMatchObject({ status: 'unknown', label: 'edge-fi-01' })
    expect(rows[1]!.warnings?.[0]).toMatch(/status/)
    expect(rows[2]).toMatchObject({ status: 'active', hourlyRateCents: null })
    expect(rows[2]!.warnings?.[0]).toMatch(/hourlyRateCents/)
  })

  it('accepts the Conventions shape { items, total, limit, offset } for every list', async () => {
    for (const [path, key] of [['/services', 'services'], ['/invoices', 'invoices'], ['/tickets', 'tickets'], ['/ssh-keys', 'sshKeys'], ['/orders', 'orders']] as const) {
      const example = entries.find((e) => e.method === 'GET' && e.path === path && e.status === 200)!.json as Record<string, unknown>
      const { [key]: items, ...rest } = example
      ref.answer('GET', path, { status: 200, body: { ...rest, items, total: (items as unknown[]).length, limit: 50, offset: 0 } })
    }
    expect(await aluyAdapter.listServers(ctx, undefined, { liveStatus: false })).toHaveLength(1)
    expect(await billing.listInvoices(ctx)).toHaveLength(1)
    expect(await tickets.list(ctx)).toHaveLength(1)
    expect(await keys.list(ctx)).toHaveLength(1)
    expect(await orders.list!(ctx)).toHaveLength(1)
  })

  it('one odd invoice, ticket or key never fails its list', async () => {
    const pick = (path: string, key: string): Record<string, unknown>[] => (entries.find((e) => e.method === 'GET' && e.path === path && e.status === 200)!.json as Record<string, Record<string, unknown>[]>)[key]!
    ref.answer('GET', '/invoices', { status: 200, body: { invoices: [...pick('/invoices', 'invoices'), { id: 'clxinv2...', number: 'INV-2026-002' }], total: 2 } })
    ref.answer('GET', '/tickets', { status: 200, body: { tickets: [...pick('/tickets', 'tickets'), { id: 'clxtkt2...', subject: 'odd', status: 42 }], total: 2 } })
    ref.answer('GET', '/ssh-keys', { status: 200, body: { sshKeys: [...pick('/ssh-keys', 'sshKeys'), { id: 17, publicKey: 'ssh-ed25519 AAAA' }] } })
    expect((await billing.listInvoices(ctx)).map((i) => i.id)).toEqual(['clxinv...', 'clxinv2...'])
    expect((await tickets.list(ctx)).map((t) => t.id)).toEqual(['clxtkt...', 'clxtkt2...'])
    expect((await keys.list(ctx)).map((k) => k.id)).toEqual(['12', '17'])
  })
})

describe('aluy legacy invoice PDF (issue 11.11)', () => {
  it('is told by the documented status 400, whatever the wording', async () => {
    ref.answer('GET', '/invoices/:id/pdf', { status: 400, body: { error: 'Dieses Dokument ist im alten Format.' } })
    expect(await billing.getInvoicePdf(ctx, 'clxinv...')).toMatchObject({ kind: 'legacy' })
  })
})
