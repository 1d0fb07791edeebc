// D1 — invoice sync: 5 accounts (3 aluy, 2 elizon) × 100 invoices, 50 ms added to
// every answer. Measures one full "keep invoices offline" sync (every list page,
// every detail, every PDF, encrypted to disk) beside the lower bound that
// latency and the per-account concurrency imply. elizon's rate limit is raised
// for the run: at its documented 100 requests/min the limit, not Flotilla, sets the time.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CacheKeyStore } from '../src-main/core/billing/cache-crypto'
import { InvoiceCache } from '../src-main/core/billing/invoice-cache'
import { InvoiceService } from '../src-main/core/billing/invoice-service'
import { createHttpClient, DEFAULT_PER_ACCOUNT_CONCURRENCY } from '../src-main/core/http/fetch-http-client'
import { createLogger } from '../src-main/core/logging/logger'
import { getAdapter } from '../src-main/core/providers/registry'
import type { Account, ProviderId } from '../src-main/shared/domain'
import { startAluySimulator, startElizonSimulator, type Simulator } from '../test/simulators/index'
import { MemorySecretStore } from './support/memory-secrets'

const INVOICES = 100
const LATENCY_MS = 50

export async function run(): Promise<object> {
  const aluy = await startAluySimulator({ seed: 41, accounts: 3, invoicesPerAccount: INVOICES, latencyMs: LATENCY_MS })
  const elizon = await startElizonSimulator({ seed: 41, accounts: 2, invoicesPerAccount: INVOICES, latencyMs: LATENCY_MS, rateLimit: { limit: 100_000, windowMs: 60_000 } })
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-d1-'))
  try {
    const accounts = [...accountsOf(aluy, 'aluy'), ...accountsOf(elizon, 'elizon')]
    const http = createHttpClient()
    const service = new InvoiceService({
      cache: new InvoiceCache(join(dir, 'cache'), new CacheKeyStore(new MemorySecretStore())),
      settingsPath: join(dir, 'invoice-sync.json'),
      logger: createLogger({ level: 'silent' }),
      accounts: () => accounts.map((a) => a.account),
      contextFor: async (id) => {
        const a = accounts.find((x) => x.account.id === id)!
        return { accountId: id, baseUrl: a.account.baseUrl, credential: a.credential, http }
      },
      adapterFor: getAdapter,
      onStatus: () => undefined,
      onChanged: () => undefined
    })
    const before = aluy.requests.length + elizon.requests.length
    const started = performance.now()
    await service.startSync()
    const wallMs = Math.round(performance.now() - started)
    const requests = aluy.requests.length + elizon.requests.length - before
    const status = service.status()
    await service.dispose()
    // Per account: one list page, one detail per invoice, one PDF per invoice that has one (the detail tells legacy ones).
    const legacy = aluy.accounts.flatMap((a) => aluy.state.account(a.id).invoices).filter((i) => i.schemaVersion !== 2).length
    const lowerBoundMs = LATENCY_MS * (1 + Math.ceil((2 * INVOICES) / DEFAULT_PER_ACCOUNT_CONCURRENCY))
    return {
      id: 'D1',
      name: 'invoice sync: 5 accounts × 100 invoices (data + PDFs), 50 ms latency',
      invoices: status.total,
      cached: status.done,
      wallMs,
      lowerBoundMs,
      requests,
      lowerBoundRequests: accounts.length * (1 + 2 * INVOICES) - legacy,
      perAccountConcurrency: DEFAULT_PER_ACCOUNT_CONCURRENCY,
      note: 'elizon rate limit raised to 100000/min for the run; at 100/min each elizon account needs ≥ 2 min'
    }
  } finally {
    await aluy.close()
    await elizon.close()
    await rm(dir, { recursive: true, force: true })
  }
}

function accountsOf(sim: Simulator, provider: ProviderId): { account: Account; credential: string }[] {
  return sim.accounts.map((s, i) => ({
    credential: s.credential,
    account: { id: `acc_d1${provider}${String(i).padStart(4, '0')}`, label: s.label, provider, colour: '#336699', baseUrl: sim.url, createdAt: '', updatedAt: '' }
  }))
}
