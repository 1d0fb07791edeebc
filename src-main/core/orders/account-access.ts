// What the orders, SSH-keys and tickets services need from the rest of main.
import type { Account, ProviderId, Server } from '../../shared/domain'
import { FlotillaError, serializeError, type SerializedError } from '../../shared/errors'
import type { Logger } from '../logging/logger'
import type { AccountContext, ProviderAdapter } from '../providers/provider-adapter'

export interface AccountAccess {
  readonly logger: Logger
  readonly accounts: () => Account[]
  readonly contextFor: (accountId: string) => Promise<AccountContext>
  readonly adapterFor: (provider: ProviderId) => ProviderAdapter
  readonly servers: () => readonly Server[]
}

/** The account, or `not-found` in words. */
export function accountOf(access: AccountAccess, accountId: string): Account {
  const account = access.accounts().find((a) => a.id === accountId)
  if (!account) throw new FlotillaError('not-found', 'That account is no longer in Flotilla.', { accountId })
  return account
}

/** One feature of the account's provider, or `unavailable` naming what is missing. */
export function featureOf<K extends 'orders' | 'sshKeys' | 'tickets'>(
  access: AccountAccess,
  account: Account,
  feature: K,
  what: string
): NonNullable<ProviderAdapter[K]> {
  const ops = access.adapterFor(account.provider)[feature]
  if (!ops) throw new FlotillaError('unavailable', `${account.provider} accounts do not offer ${what} through their API.`, { accountId: account.id })
  return ops as NonNullable<ProviderAdapter[K]>
}

/** Runs `work` for every account in parallel; one account's failure sits beside the others' results. */
export async function perAccount<T>(
  accounts: readonly Account[],
  work: (account: Account) => Promise<T>
): Promise<{ account: Account; value?: T; error?: SerializedError }[]> {
  return Promise.all(
    accounts.map(async (account) => {
      try {
        return { account, value: await work(account) }
      } catch (error) {
        return { account, error: { ...serializeError(error), accountId: account.id } }
      }
    })
  )
}
