// Adding, editing and removing accounts. A credential is checked before it is
// stored, goes to the keychain only, and is never returned to the renderer.
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { AccountSaveResult, ParsedInputOf } from '../../shared/contract'
import { DEFAULT_BASE_URL, BaseUrl, type Account, type ProviderId, type VerifyResult } from '../../shared/domain'
import { FlotillaError } from '../../shared/errors'
import { scopeFor, scopedHttp } from '../http/credential-scope'
import { movesToAnotherOrigin } from '../../shared/url-policy'
import type { HttpClient } from '../http/http-client'
import type { Logger } from '../logging/logger'
import type { AccountContext, ProviderAdapter } from '../providers/provider-adapter'
import type { SecretStore } from '../secrets/secret-store'
import type { AccountRepository } from './account-repository'

export interface AccountServiceDeps {
  readonly repo: AccountRepository
  readonly secrets: SecretStore
  readonly http: HttpClient
  readonly logger: Logger
  readonly adapterFor: (provider: ProviderId) => ProviderAdapter
  /** userData/cache: every account's cached data lives in cache/<accountId>/. */
  readonly cacheDir: string
  readonly onChanged: (accounts: Account[]) => void
  /** Awaited before the cache folder goes, so no feature writes into it afterwards. */
  readonly onRemoved: (accountId: string) => Promise<void> | void
  readonly onSaved: (account: Account) => void
}

export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  list(): Account[] {
    return this.deps.repo.list()
  }

  async verify(draft: ParsedInputOf<'accounts.verify'>): Promise<VerifyResult> {
    const adapter = this.deps.adapterFor(draft.provider)
    const credential = adapter.normaliseCredential(draft.credential)
    this.deps.logger.registerSecret(credential)
    const baseUrl = resolveBaseUrl(draft.provider, draft.baseUrl)
    return adapter.verify(this.context('acc_unsaved00', baseUrl, credential))
  }

  async add(input: ParsedInputOf<'accounts.add'>): Promise<AccountSaveResult> {
    const adapter = this.deps.adapterFor(input.provider)
    const credential = adapter.normaliseCredential(input.credential)
    this.deps.logger.registerSecret(credential)
    const baseUrl = resolveBaseUrl(input.provider, input.baseUrl)
    const verify = await adapter.verify(this.context('acc_unsaved00', baseUrl, credential))
    if (!verify.ok && !input.saveUnverified) return { account: null, verify }

    const now = new Date().toISOString()
    const account: Account = {
      id: newAccountId(),
      label: input.label,
      provider: input.provider,
      colour: input.colour,
      baseUrl,
      createdAt: now,
      updatedAt: now
    }
    // Keychain first: if it is missing or locked, nothing at all is saved.
    await this.deps.secrets.set(account.id, credential)
    try {
      await this.deps.repo.put(account)
    } catch (e) {
      await this.deps.secrets.delete(account.id).catch(() => false)
      throw e
    }
    this.deps.logger.info('account added', { accountId: account.id, provider: account.provider, verified: verify.ok })
    this.announce()
    this.deps.onSaved(account)
    return { account, verify }
  }

  async update(input: ParsedInputOf<'accounts.update'>): Promise<AccountSaveResult> {
    const current = this.require(input.id)
    const adapter = this.deps.adapterFor(current.provider)
    const baseUrl = input.baseUrl !== undefined ? resolveBaseUrl(current.provider, input.baseUrl) : current.baseUrl
    const newCredential = input.credential !== undefined ? adapter.normaliseCredential(input.credential) : undefined
    this.deps.logger.registerSecret(newCredential)
    if (newCredential === undefined) refuseStoredCredentialElsewhere(current.baseUrl, baseUrl)

    let verify: VerifyResult | null = null
    if (newCredential !== undefined || baseUrl !== current.baseUrl) {
      const credential = newCredential ?? (await this.credentialOf(current.id))
      verify = await adapter.verify(this.context(current.id, baseUrl, credential))
      if (!verify.ok && !input.saveUnverified) return { account: null, verify }
    }

    const account: Account = {
      ...current,
      label: input.label ?? current.label,
      colour: input.colour ?? current.colour,
      baseUrl,
      updatedAt: new Date().toISOString()
    }
    if (newCredential !== undefined) await this.deps.secrets.set(current.id, newCredential)
    await this.deps.repo.put(account)
    this.deps.logger.info('account updated', { accountId: account.id, credentialChanged: newCredential !== undefined })
    this.announce()
    this.deps.onSaved(account)
    return { account, verify }
  }

  /** Removes metadata, the keychain entry and every cached file of the account. */
  async remove(id: string): Promise<boolean> {
    this.require(id)
    await this.deps.secrets.delete(id)
    await this.deps.repo.remove(id)
    await this.deps.onRemoved(id)
    await rm(join(this.deps.cacheDir, id), { recursive: true, force: true })
    this.deps.logger.info('account removed', { accountId: id })
    this.announce()
    return true
  }

  /** The context an adapter needs for a saved account; reads the credential from the keychain. */
  async contextFor(accountId: string, signal?: AbortSignal): Promise<AccountContext> {
    const account = this.require(accountId)
    return this.context(account.id, account.baseUrl, await this.credentialOf(account.id), signal)
  }

  private async credentialOf(accountId: string): Promise<string> {
    const credential = await this.deps.secrets.get(accountId)
    // A locked Secret Service answers a lookup with "nothing" rather than an
    // error, so a missing entry may just be a locked keychain: say both.
    if (credential === null) {
      throw new FlotillaError(
        'credential-missing',
        'No credential for this account was found in the keychain: it may be locked (unlock it and refresh), or the entry was removed (edit the account and paste the credential again).',
        { accountId }
      )
    }
    this.deps.logger.registerSecret(credential)
    return credential
  }

  /** Every request of the context is scoped: the credential goes to the account's own origin only, and comes back scrubbed. */
  private context(accountId: string, baseUrl: string, credential: string, signal?: AbortSignal): AccountContext {
    const http = scopedHttp(this.deps.http, scopeFor(baseUrl, credential))
    return signal ? { accountId, baseUrl, credential, http, signal } : { accountId, baseUrl, credential, http }
  }

  private require(id: string): Account {
    const account = this.deps.repo.get(id)
    if (!account) throw new FlotillaError('not-found', 'That account no longer exists.', { accountId: id })
    return account
  }

  private announce(): void {
    this.deps.onChanged(this.deps.repo.list())
  }
}

/**
 * The stored credential is never sent to a host the user did not give it for:
 * a base URL on another origin needs the credential pasted again (issue 10, item 5).
 */
function refuseStoredCredentialElsewhere(currentBaseUrl: string, nextBaseUrl: string): void {
  if (!movesToAnotherOrigin(currentBaseUrl, nextBaseUrl)) return
  const host = new URL(nextBaseUrl).host
  throw new FlotillaError('validation', `The new base URL is on another host (${host}); paste the credential again to use it there.`, {
    issues: [`credential: required to move the account to ${host}`]
  })
}

export function newAccountId(): string {
  return `acc_${randomUUID().replace(/-/g, '').slice(0, 20)}`
}

/** The account's API base URL: the override when given (validated), else production. */
export function resolveBaseUrl(provider: ProviderId, override: string | undefined): string {
  if (override === undefined || override.trim() === '') return DEFAULT_BASE_URL[provider]
  const parsed = BaseUrl.safeParse(override)
  if (!parsed.success) {
    throw new FlotillaError('validation', 'The base URL is not valid.', { issues: parsed.error.issues.map((i) => `baseUrl: ${i.message}`) })
  }
  return parsed.data
}
