// B1 — fleet refresh: 20 accounts (10 aluy, 10 elizon) × 100 servers against the
// simulators with 50 ms added to every answer. Measures the wall time and the
// request count of one full refresh (every list page + the live status of every
// server), next to the lower bound that latency and the allowed concurrency imply.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FleetService } from '../src-main/core/fleet/fleet-service'
import { createHttpClient, DEFAULT_PER_ACCOUNT_CONCURRENCY } from '../src-main/core/http/fetch-http-client'
import { createLogger } from '../src-main/core/logging/logger'
import { getAdapter } from '../src-main/core/providers/registry'
import { STATUS_BATCH_MAX } from '../src-main/core/providers/elizon/elizon-servers'
import type { Account, ProviderId } from '../src-main/shared/domain'
import { startAluySimulator, startElizonSimulator, type Simulator } from '../test/simulators/index'

const ACCOUNTS_PER_PROVIDER = 10
const SERVERS = 100
const LATENCY_MS = 50
const PAGE_SIZE = 100

export async function run(): Promise<object> {
  const aluy = await startAluySimulator({ seed: 101, accounts: ACCOUNTS_PER_PROVIDER, serversPerAccount: SERVERS, latencyMs: LATENCY_MS })
  const elizon = await startElizonSimulator({ seed: 101, accounts: ACCOUNTS_PER_PROVIDER, serversPerAccount: SERVERS, latencyMs: LATENCY_MS })
  const cacheDir = await mkdtemp(join(tmpdir(), 'flotilla-b1-'))
  try {
    const accounts = [...accountsOf(aluy, 'aluy'), ...accountsOf(elizon, 'elizon')]
    const http = createHttpClient()
    const fleet = new FleetService({
      cacheDir,
      logger: createLogger({}),
      accounts: () => accounts.map((a) => a.account),
      contextFor: async (id) => {
        const a = accounts.find((x) => x.account.id === id)!
        return { accountId: id, baseUrl: a.account.baseUrl, credential: a.credential, http }
      },
      adapterFor: getAdapter,
      onChanged: () => undefined,
      onHealth: () => undefined
    })
    const before = aluy.requests.length + elizon.requests.length
    const started = performance.now()
    const snapshot = await fleet.refresh()
    const wallMs = Math.round(performance.now() - started)
    const requests = aluy.requests.length + elizon.requests.length - before
    const bound = lowerBound(aluy, elizon)
    return {
      id: 'B1',
      name: 'fleet refresh: list + live status of 20 accounts × 100 servers',
      servers: snapshot.servers.length,
      accountsOk: snapshot.health.filter((h) => h.state === 'ok').length,
      wallMs,
      requests,
      lowerBoundMs: bound.ms,
      minRequests: bound.requests,
      ratio: Math.round((wallMs / bound.ms) * 100) / 100,
      target: '≤ 1.5 × lowerBoundMs',
      met: wallMs <= 1.5 * bound.ms,
      bound: bound.explanation
    }
  } finally {
    await aluy.close()
    await elizon.close()
    await rm(cacheDir, { recursive: true, force: true })
  }
}

function accountsOf(sim: Simulator, provider: ProviderId): { account: Account; credential: string }[] {
  const at = new Date().toISOString()
  return sim.accounts.map((a, i) => ({
    credential: a.credential,
    account: { id: `acc_${provider}bench${String(i).padStart(2, '0')}`, label: a.label, provider, colour: '#336699', baseUrl: sim.url, createdAt: at, updatedAt: at }
  }))
}

/**
 * Accounts refresh in parallel, so the bound is the slowest account's chain of
 * round trips, each at least LATENCY_MS: its list pages (sequential), then its
 * status calls, at most DEFAULT_PER_ACCOUNT_CONCURRENCY in flight per account
 * (aluy: one GET per active VPS; elizon: one POST per 50 active services).
 */
function lowerBound(aluy: Simulator, elizon: Simulator): { ms: number; requests: number; explanation: string } {
  const aluyState = (aluy as Awaited<ReturnType<typeof startAluySimulator>>).state
  const elizonState = (elizon as Awaited<ReturnType<typeof startElizonSimulator>>).state
  const c = DEFAULT_PER_ACCOUNT_CONCURRENCY
  let worstRounds = 0
  let requests = 0
  for (const a of aluy.accounts) {
    const services = aluyState.servicesOf(a.id)
    const pages = Math.max(1, Math.ceil(services.length / PAGE_SIZE))
    const status = services.filter((s) => s.kind === 'VPS' && s.status === 'ACTIVE').length
    const pending = services.filter((s) => s.kind === 'VPS' && s.status === 'PENDING').length
    const calls = status + pending
    worstRounds = Math.max(worstRounds, pages + Math.ceil(calls / c))
    requests += pages + calls
  }
  for (const a of elizon.accounts) {
    const services = elizonState.servicesOf(a.id)
    const pages = Math.max(1, Math.ceil(services.length / PAGE_SIZE))
    const active = services.filter((s) => s.status === 'RUNNING' || s.status === 'STOPPED').length
    const batches = Math.ceil(active / STATUS_BATCH_MAX)
    worstRounds = Math.max(worstRounds, pages + Math.ceil(batches / c))
    requests += pages + batches
  }
  return {
    ms: worstRounds * LATENCY_MS,
    requests,
    explanation:
      `Accounts run in parallel; the slowest account needs ${worstRounds} sequential round trips of ≥ ${LATENCY_MS} ms: ` +
      `its list pages (${PAGE_SIZE} per page, one after another) plus its live-status calls at ≤ ${c} in flight per account ` +
      `(the HTTP client's per-account cap; aluy: one GET /services/:id/status per active VPS and one GET /services/:id per pending VPS, ` +
      `elizon: one POST /services/status-batch per ${STATUS_BATCH_MAX} running/stopped services). minRequests counts those calls.`
  }
}
