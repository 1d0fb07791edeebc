// Issue 11.1 / 11.10 (elizon): power is read from whatever word the provider
// sends, a word we do not know is shown as itself, a live answer without a power
// word keeps the known one, and one odd item never fails the account. Bodies are
// served over real HTTP by a tiny local server (the shapes the reference allows
// but our simulator does not send), and by the simulator in variant mode.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { getAdapter } from '../../src-main/core/providers/registry'
import type { Server } from '../../src-main/shared/domain'
import { startElizonSimulator } from '../simulators/index'
import { ctxFor, first } from '../support/adapter-context'

const adapter = getAdapter('elizon')
const servers: HttpServer[] = []
const sims: { close(): Promise<void> }[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))))
  await Promise.all(sims.splice(0).map((s) => s.close()))
})

/** Answers each `METHOD /path` with its body (pathname only); anything else is 404. */
async function serve(routes: Record<string, unknown>): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = []
  const server = createServer((req, res) => {
    const route = `${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`
    hits.push(route)
    const body = routes[route]
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body ?? { success: false, error: 'Not found' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(server)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, hits }
}

const ACCOUNT = { id: 'acc1', credential: 'key-123' }

function listOf(services: unknown[]): unknown {
  return { success: true, services, pagination: { page: 1, limit: 100, total: services.length, pages: 1 } }
}

function byId(rows: readonly Server[], id: string): Server {
  const row = rows.find((s) => s.id === id)
  if (!row) throw new Error(`no row ${id}`)
  return row
}

describe('elizon power words (11.1)', () => {
  it('reads the list’s own status word as power, and keeps an unknown word as itself', async () => {
    const api = await serve({
      'GET /api/services': listOf([
        { id: 'a', name: 'A', status: 'RUNNING' },
        { id: 'b', name: 'B', status: 'STOPPED' },
        { id: 'c', name: 'C', status: 'MIGRATING' },
        { id: 'd', name: 'D', status: 'running' },
        { id: 'e', name: 'E', status: 'SUSPENDED', powerState: 'stopped' }
      ])
    })
    const rows = await adapter.listServers(ctxFor(api, ACCOUNT))
    expect(byId(rows, 'a')).toMatchObject({ status: 'active', power: 'running', powerText: null, statusText: 'RUNNING' })
    expect(byId(rows, 'b')).toMatchObject({ status: 'active', power: 'stopped' })
    expect(byId(rows, 'c')).toMatchObject({ status: 'unknown', statusText: 'MIGRATING', power: 'unknown', powerText: 'MIGRATING' })
    expect(byId(rows, 'd')).toMatchObject({ status: 'active', power: 'running' })
    expect(byId(rows, 'e')).toMatchObject({ status: 'suspended', power: 'stopped' })
    expect(rows.every((r) => r.warnings === undefined)).toBe(true)
  })

  it('reads live status from status, state, power or powerState in any casing; no word keeps the known power', async () => {
    const api = await serve({
      'POST /api/services/status-batch': {
        success: true,
        statuses: {
          a: { status: 'RUNNING', cpuPercent: 3 },
          b: { state: 'Stopped' },
          c: { powerState: 'MIGRATING' },
          d: { power: 'starting' },
          e: { cpuPercent: 12 }
        }
      }
    })
    const listed = (['a', 'b', 'c', 'd', 'e'] as const).map((id) => ({ id, status: 'active' }) as Server)
    const patches = await adapter.servers!.liveStatus(ctxFor(api, ACCOUNT), listed)
    expect(patches.get('a')).toEqual({ power: 'running', powerText: null })
    expect(patches.get('b')).toEqual({ power: 'stopped', powerText: null })
    expect(patches.get('c')).toEqual({ power: 'unknown', powerText: 'MIGRATING' })
    expect(patches.get('d')).toEqual({ power: 'starting', powerText: null })
    // Nothing about power: the patch says nothing, so the list's (or last live) power stays.
    expect(patches.get('e')).toEqual({})
  })

  it('the detail reads /services/:id/status the same way and keeps the listed power when it has no word', async () => {
    const api = await serve({
      'GET /api/services/x': { success: true, service: { id: 'x', name: 'X', status: 'RUNNING' } },
      'GET /api/services/x/status': { success: true, status: { uptimeSec: 50, cpuPercent: '4.5' } },
      'GET /api/services/y': { success: true, service: { id: 'y', name: 'Y', status: 'RUNNING' } },
      'GET /api/services/y/status': { success: true, status: { status: 'STOPPED' } }
    })
    const ctx = ctxFor(api, ACCOUNT)
    const x = await adapter.servers!.detail(ctx, { id: 'x', status: 'active', power: 'running', label: 'X' } as Server)
    expect(x.server.power).toBe('running')
    expect(x.live).toMatchObject({ uptimeSec: 50, cpuPercent: 4.5 })
    const y = await adapter.servers!.detail(ctx, { id: 'y', status: 'active', power: 'running', label: 'Y' } as Server)
    expect(y.server.power).toBe('stopped')
  })

  it('variant simulator: live words under other names and casings still give the power', async () => {
    const sim = await startElizonSimulator({ seed: 5, accounts: 1, serversPerAccount: 12, variant: true })
    sims.push(sim)
    const account = first(sim.accounts)
    const ctx = ctxFor(sim, account)
    const rows = await adapter.listServers(ctx)
    const patches = await adapter.servers!.liveStatus(ctx, rows)
    for (const t of sim.state.account(account.id).services) {
      if (t.status !== 'RUNNING' && t.status !== 'STOPPED') continue
      expect(patches.get(t.id), t.id).toEqual({ power: t.status === 'RUNNING' ? 'running' : 'stopped', powerText: null })
    }
    const migrating = sim.state.account(account.id).services.find((t) => t.status === 'ERROR')
    expect(migrating).toBeDefined()
    // Shown as it came (the variant title-cases some words).
    expect(patches.get(migrating!.id)?.power).toBe('unknown')
    expect(patches.get(migrating!.id)?.powerText?.toUpperCase()).toBe('MIGRATING')
  })
})

describe('elizon per-item parsing (11.10)', () => {
  it('one odd service is a row with a warning, one without an id is left out, the rest are whole', async () => {
    const api = await serve({
      'GET /api/services': listOf([
        { id: 'good', name: 'Good', status: 'RUNNING', resources: { cpu: 2, ramMb: 2048, diskGb: 40 } },
        { id: 'odd', name: 'Odd', status: 'STOPPED', resources: { cpu: 'two' }, price: 'cheap' },
        { name: 'No id', status: 'RUNNING' },
        { id: 'nostatus', name: 'No status' }
      ])
    })
    const rows = await adapter.listServers(ctxFor(api, ACCOUNT))
    expect(rows.map((r) => r.id)).toEqual(['good', 'odd', 'nostatus'])
    expect(byId(rows, 'good')).toMatchObject({ vcpu: 2, ramMb: 2048, diskGb: 40 })
    expect(byId(rows, 'good').warnings).toBeUndefined()
    const odd = byId(rows, 'odd')
    expect(odd).toMatchObject({ label: 'Odd', power: 'stopped', vcpu: null, monthlyPriceCents: null })
    expect(odd.warnings?.join(' ')).toMatch(/resources/)
    expect(odd.warnings?.join(' ')).toMatch(/price/)
    expect(byId(rows, 'nostatus').warnings).toEqual(['status: missing'])
  })
})

describe('elizon invoices, tickets and keys per item (11.10)', () => {
  const invoice = (id: string): Record<string, unknown> => ({ id, number: `INV-${id}`, createdAt: '2026-11-01T00:00:00Z', totalCents: 1190, netCents: 1000, taxCents: 190 })
  const ticket = (id: string): Record<string, unknown> => ({ id, subject: `S ${id}`, status: 'OPEN', createdAt: '2026-11-01T00:00:00Z' })
  const key = (id: string): Record<string, unknown> => ({ id, name: `k ${id}`, publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ0 me@x' })

  it('an odd invoice, ticket or key is kept with stand-ins; one without an id is left out; the rest are whole', async () => {
    const api = await serve({
      'GET /api/invoices': {
        success: true,
        invoices: [invoice('i1'), { ...invoice('i2'), totalCents: 'lots' }, { number: 'no id' }],
        pagination: { total: 3, limit: 100, offset: 0, hasMore: false }
      },
      'GET /api/tickets': { success: true, tickets: [ticket('t1'), { ...ticket('t2'), subject: 42 }, { subject: 'no id' }], pagination: { page: 1, limit: 100, total: 3, pages: 1 } },
      'GET /api/ssh-keys': { success: true, sshKeys: [key('k1'), { ...key('k2'), name: null }, { name: 'no id' }] }
    })
    const ctx = ctxFor(api, ACCOUNT)
    const invoices = await adapter.billing!.listInvoices(ctx)
    expect(invoices.map((i) => [i.id, i.totalCents, i.status])).toEqual([
      ['i1', 1190, null],
      ['i2', 0, 'UNREADABLE']
    ])
    const tickets = await adapter.tickets!.list(ctx)
    expect(tickets.map((t) => [t.id, t.subject])).toEqual([
      ['t1', 'S t1'],
      ['t2', 'Ticket t2']
    ])
    const keys = await adapter.sshKeys!.list(ctx)
    expect(keys.map((k) => [k.id, k.name])).toEqual([
      ['k1', 'k k1'],
      ['k2', 'key k2']
    ])
  })
})
