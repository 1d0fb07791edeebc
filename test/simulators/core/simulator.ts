// What both simulators build the same way around their own state and routes:
// the seeded accounts (account n always comes from the nth fork of the seed's
// generator, so adding one later never reshuffles the others) and the public
// `Simulator` object over the shared HTTP server.
import type { Rng } from './random'
import type { SimServer } from './server'
import type { AddAccountOptions, ProviderName, SimAccount, SimOptions, Simulator } from './types'

/** What a provider's seeder gets for one account. */
export interface AccountSeedInput {
  index: number
  servers: number
  invoices: number
  opts: AddAccountOptions
}

export interface AccountRoster {
  readonly accounts: SimAccount[]
  addAccount(opts?: AddAccountOptions): SimAccount
}

/** Seeds `opts.accounts` accounts (default 2) now; `addAccount` seeds more later. */
export function seedAccounts(opts: SimOptions, rng: Rng, seedOne: (rng: Rng, input: AccountSeedInput) => { sim: SimAccount }): AccountRoster {
  const accounts: SimAccount[] = []
  const addAccount = (o: AddAccountOptions = {}): SimAccount => {
    const index = accounts.length
    const account = seedOne(rng.fork(index), {
      index,
      servers: o.servers ?? opts.serversPerAccount ?? 5,
      invoices: opts.invoicesPerAccount ?? 12,
      opts: o
    })
    accounts.push(account.sim)
    return account.sim
  }
  for (let i = 0; i < (opts.accounts ?? 2); i++) addAccount()
  return { accounts, addAccount }
}

export interface SimulatorParts<S> {
  readonly provider: ProviderName
  /** The API's path under the origin, e.g. '/api'. */
  readonly apiPrefix: string
  readonly server: SimServer
  readonly state: S
  readonly roster: AccountRoster
  expireCredential(accountId: string): void
}

export function simulatorOf<S>(parts: SimulatorParts<S>): Simulator<S> {
  const { server } = parts
  return {
    provider: parts.provider,
    url: server.origin + parts.apiPrefix,
    origin: server.origin,
    accounts: parts.roster.accounts,
    requests: server.requests,
    state: parts.state,
    inject: server.inject,
    clearFaults: server.clearFaults,
    setLatency: server.setLatency,
    expireCredential: parts.expireCredential,
    addAccount: parts.roster.addAccount,
    close: server.close
  }
}
