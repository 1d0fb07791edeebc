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
import type { SimulatorJson } from '../test/simulators/cli'
import { startSimProcess } from './support/sim-process'

const ACCOUNTS_PER_PROVIDER = 10
const SERVERS = 100
const LATENCY_MS = 50
const PAGE_SIZE = 100

export async function run(): Promise<object> {
  // The simulators run in a child process: in this one they would take event-loop
  // time from the client and be counted in its wall time.
  const sim = await startSimProcess({ seed: 101, aluyAccounts: ACCOUNTS_PER_PROVIDER, elizonAccounts: ACCOUNTS_PER_PROVIDER, servers: SERVERS, latencyMs: LATENCY_MS })
  const cacheDir = await mkdtemp(join(tmpdir(), 'flotilla-b1-'))
  try {
    const accounts = [...accountsOf(sim.sims.aluy, 'aluy'), ...accountsOf(sim.sims.elizon, 'elizon')]
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
    const before = await sim.requestCount()
    const started = performance.now()
    const snapshot = await fleet.refresh()
    const wallMs = Math.round(performance.now() - started)
    const requests = (await sim.requestCount()) - before
    const bound = lowerBound(sim.sims.aluy, sim.sims.elizon)
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
      bound: bound.explanation,
      setup: 'simulators in a child process (test/simulators/cli.ts --json); client in this process'
    }
  } finally {
    await sim.close()
    await rm(cacheDir, { recursive: true, force: true })
  }
}

function accountsOf(sim: SimulatorJson, provider: ProviderId): { account: Account; credential: string }[] {
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
 * (aluy: one GET per active or pending VPS; elizon: one POST per 50 active services).
 * The simulators' own work runs in their process, so it is not in the client's time.
 */
/** Round trips a list of `pages` pages needs at best: the first one tells how many there are. */
function listRounds(pages: number, c: number): number {
  return pages <= 1 ? 1 : 1 + Math.ceil((pages - 1) / c)
}

function lowerBound(aluy: SimulatorJson, elizon: SimulatorJson): { ms: number; requests: number; explanation: string } {
  const c = DEFAULT_PER_ACCOUNT_CONCURRENCY
  let worstRounds = 0
  let requests = 0
  for (const a of aluy.accounts) {
    const services = a.services
    const pages = Math.max(1, Math.ceil(services.length / PAGE_SIZE))
    const status = services.filter((s) => s.kind === 'VPS' && s.status === 'ACTIVE').length
    const pending = services.filter((s) => s.kind === 'VPS' && s.status === 'PENDING').length
    const calls = status + pending
    worstRounds = Math.max(worstRounds, listRounds(pages, c) + Math.ceil(calls / c))
    requests += pages + calls
  }
  for (const a of elizon.accounts) {
    const services = a.services
    const pages = Math.max(1, Math.ceil(services.length / PAGE_SIZE))
    const active = services.filter((s) => s.status === 'RUNNING' || s.status === 'STOPPED').length
    const batches = Math.ceil(active / STATUS_BATCH_MAX)
    worstRounds = Math.max(worstRounds, listRounds(pages, c) + Math.ceil(batches / c))
    requests += pages + batches
  }
  return {
    ms: worstRounds * LATENCY_MS,
    requests,
    explanation:
      `Accounts run in parallel; the slowest account needs ${worstRounds} sequential round trips of ≥ ${LATENCY_MS} ms: ` +
      `its list pages (${PAGE_SIZE} per page: the first alone, as it tells the count, the rest ≤ ${c} at once) plus its live-status calls at ≤ ${c} in flight per account ` +
      `(the HTTP client's per-account cap; aluy: one GET /services/:id/status per active VPS and one GET /services/:id per pending VPS, ` +
      `elizon: one POST /services/status-batch per ${STATUS_BATCH_MAX} running/stopped services). minRequests counts those calls.`
  }
}
