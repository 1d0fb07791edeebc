// Where our code disagreed with the elizon reference, the reference wins:
// `timeframe` belongs to /traffic (not /metrics); the cancel status comes from
// /subscription; public product endpoints ("Öffentlich") get no API key; their
// locations and templates are asked per product; the permission names are the
// reference's full list. Against the simulator over real HTTP, counting requests.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { getAdapter } from '../../src-main/core/providers/registry'
import { PERMISSIONS } from '../simulators/elizon/model'
import { ELIZON_PRODUCTS } from '../simulators/elizon/routes/catalog'
import { startElizonSimulator } from '../simulators/index'
import { ctxFor, first } from '../support/adapter-context'

const adapter = getAdapter('elizon')
type Sim = Awaited<ReturnType<typeof startElizonSimulator>>
const sims: Sim[] = []
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()))
})

async function sim(): Promise<Sim> {
  const s = await startElizonSimulator({ seed: 5, accounts: 1, serversPerAccount: 12 })
  sims.push(s)
  return s
}

describe('elizon: the reference wins', () => {
  it('charts come from /traffic?timeframe=…; /metrics is never sent a timeframe', async () => {
    const s = await sim()
    const account = first(s.accounts)
    const ctx = ctxFor(s, account)
    const kvm = (await adapter.listServers(ctx)).find((x) => x.kind === 'VPS' && x.status === 'active')!
    const m = await adapter.servers!.metrics!(ctx, kvm, 'day')
    expect(m.series.find((x) => x.id === 'cpu')?.points.length).toBe(96)
    const traffic = s.requests.filter((r) => r.path.endsWith('/traffic'))
    expect(traffic.map((r) => new URLSearchParams(r.query).get('timeframe'))).toEqual(['day'])
    expect(s.requests.filter((r) => r.path.endsWith('/metrics') && r.query.includes('timeframe'))).toEqual([])
  })

  it('the cancel status is read from /services/[id]/subscription', async () => {
    const s = await sim()
    const account = first(s.accounts)
    const ctx = ctxFor(s, account)
    const svc = s.state.account(account.id).services.find((x) => x.status === 'RUNNING')!
    svc.cancelAtPeriodEnd = true
    const server = (await adapter.listServers(ctx)).find((x) => x.id === svc.id)!
    const d = await adapter.servers!.detail(ctx, server)
    expect(d.cancelAtPeriodEnd).toBe(true)
    expect(adapter.servers!.actionsFor(d)).toContain('subscription-reactivate')
    expect(s.requests.filter((r) => r.path === `/api/services/${svc.id}/subscription`)).toHaveLength(1)
  })

  it('products, their locations and templates are asked per product and without the API key', async () => {
    const s = await sim()
    const ctx = ctxFor(s, first(s.accounts))
    const catalog = await adapter.orders!.catalog(ctx)
    expect(catalog.products).toHaveLength(ELIZON_PRODUCTS.length)
    expect(catalog.locations.length).toBeGreaterThan(0)
    expect(catalog.templates.length).toBeGreaterThan(0)
    const products = s.requests.filter((r) => r.path.startsWith('/api/products'))
    // One list, then locations and templates for each product.
    expect(products).toHaveLength(1 + 2 * ELIZON_PRODUCTS.length)
    expect(products.every((r) => r.accountId === null)).toBe(true)
    for (const path of ['/api/products/locations', '/api/products/templates']) {
      const asked = products.filter((r) => r.path === path).map((r) => new URLSearchParams(r.query).get('productId'))
      expect(asked.sort()).toEqual(ELIZON_PRODUCTS.map((p) => p.id).sort())
    }
  })

  it('the simulator’s permission names are the reference’s full list', () => {
    // Where scripts/extract-reference-fixtures.mjs reads it: ../shared/api beside the repository (a worktree's is /work/shared).
    const dir = [resolve(import.meta.dirname, '../../../shared/api'), '/work/shared/api'].find((d) => existsSync(d)) ?? ''
    const reference = readFileSync(resolve(dir, 'elizon-api.txt'), 'utf8')
    const listed = /Available permissions: ([a-z_, ]+)\./.exec(reference)?.[1]?.split(',').map((p) => p.trim())
    expect(listed).toBeDefined()
    expect([...PERMISSIONS]).toEqual(listed)
  })
})
