// The port every provider implements. Everything above it speaks the normalised
// domain (Account, Server, …); provider names, URL shapes, body shapes and
// quirks stay inside the adapter that owns them.
import type { ProviderId, Server, VerifyResult } from '../../shared/domain'
import type { HttpClient } from '../http/http-client'

/** What an adapter needs to talk to one account. Lives in main only: it holds the secret. */
export interface AccountContext {
  readonly accountId: string
  /** API base URL without trailing slash (production default or the account's override). */
  readonly baseUrl: string
  /** The normalised credential (aluy: the session token only; elizon: the API key). */
  readonly credential: string
  readonly http: HttpClient
  readonly signal?: AbortSignal
}

/** Which optional features a provider offers, so the UI only shows what works. */
export interface ProviderCapabilities {
  readonly batchStatus: boolean
  readonly pagination: 'limit-offset' | 'page-limit'
}

export interface ListProgress {
  /** Items fetched so far and the total the provider announced (if it did). */
  readonly loaded: number
  readonly total: number | null
}

export interface ProviderAdapter {
  readonly provider: ProviderId
  readonly capabilities: ProviderCapabilities
  /**
   * Turn what the user pasted into the credential to store. aluy accepts a raw
   * token, `name=value`, or a whole `Cookie:` header and keeps only the session
   * token; elizon trims the key. Throws FlotillaError('validation') when nothing usable is in it.
   */
  normaliseCredential(raw: string): string
  /** A cheap authenticated call that tells whether the credential works, in words. Never throws for HTTP outcomes. */
  verify(ctx: AccountContext): Promise<VerifyResult>
  /** Every server of the account, all pages, normalised. Throws FlotillaError on failure. */
  listServers(ctx: AccountContext, onProgress?: (p: ListProgress) => void): Promise<Server[]>
}
