// Shared set-up for the fleet tests: accounts added through the real core
// against the simulators, and the push events the core emits, collected.
import type { ActivityEntry, FleetDelta, JobProgress } from '../../src-main/shared/contracts/fleet'
import type { AccountSaveResult } from '../../src-main/shared/contract'
import type { Account, Server } from '../../src-main/shared/domain'
import type { Simulator } from '../simulators/index'
import { unwrap, type CoreFixture } from '../support/core-fixture'

export interface EventLog {
  deltas: FleetDelta[]
  jobs: JobProgress[]
  all: { event: string; payload: unknown }[]
}

export function collectEvents(fx: CoreFixture): EventLog {
  const log: EventLog = { deltas: [], jobs: [], all: [] }
  fx.core.onEvent((event, payload) => {
    log.all.push({ event, payload })
    if (event === 'fleet.delta') log.deltas.push(payload as FleetDelta)
    if (event === 'jobs.progress') log.jobs.push(payload as JobProgress)
  })
  return log
}

export async function addAccount(fx: CoreFixture, sim: Simulator, index: number, label = `${sim.provider} ${index}`): Promise<Account> {
  const result = unwrap(
    await fx.dispatch('accounts.add', {
      provider: sim.provider,
      label,
      colour: '#3366cc',
      baseUrl: sim.url,
      credential: sim.accounts[index]!.credential
    })
  ) as AccountSaveResult
  if (!result.account) throw new Error(`account not added: ${JSON.stringify(result.verify)}`)
  return result.account
}

/** The account's refresh that adding starts, finished, so tests begin from a loaded fleet. */
export async function refreshAll(fx: CoreFixture): Promise<Server[]> {
  return (unwrap(await fx.dispatch('fleet.refresh', undefined)) as { servers: Server[] }).servers
}

export async function servers(fx: CoreFixture): Promise<Server[]> {
  return (unwrap(await fx.dispatch('fleet.get', undefined)) as { servers: Server[] }).servers
}

export function keyOf(account: Account, serviceId: string): string {
  return `${account.id}:${serviceId}`
}

/** Requests to the simulator from now on. */
export function requestsSince(sim: Simulator): () => Simulator['requests'] {
  const start = sim.requests.length
  return () => sim.requests.slice(start)
}

export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** The activity log as main lists it, newest first. */
export async function activityOf(fx: CoreFixture): Promise<ActivityEntry[]> {
  return unwrap(await fx.dispatch('activity.list', undefined)) as ActivityEntry[]
}
