// What an adapter needs to talk to one account, in a file of its own so the
// feature ports (server, billing, order, SSH key and ticket operations) can name
// it without importing the adapter port that imports them (no type cycle).
import type { HttpClient } from '../http/http-client'

/** Lives in main only: it holds the secret. */
export interface AccountContext {
  readonly accountId: string
  /** API base URL without trailing slash (production default or the account's override). */
  readonly baseUrl: string
  /** The normalised credential (aluy: the session token only; elizon: the API key). */
  readonly credential: string
  readonly http: HttpClient
  readonly signal?: AbortSignal
}
