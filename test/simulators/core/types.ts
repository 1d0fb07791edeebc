// The public vocabulary of the simulators. Other engineers code against these
// names (integration tests, the demo, benchmarks), so only add to them.

export type ProviderName = 'aluy' | 'elizon'

export interface SimOptions {
  /** Deterministic data: the same seed gives the same accounts, ids, credentials and services. Default 1. */
  seed?: number
  /** How many accounts to seed. Default 2. */
  accounts?: number
  /** Services per account. Default 5. */
  serversPerAccount?: number
  /** Default 12. */
  invoicesPerAccount?: number
  /** Added to every response. Default 0. */
  latencyMs?: number
  /** Default 0 = a random free port. The server binds 127.0.0.1 only. */
  port?: number
  /** The VNC websocket URL handed out for a service's console (a real websockify in e2e tests). */
  consoleWssUrl?: (serviceId: string, provider: ProviderName) => string
  /**
   * The VNC password handed out with a console ticket (the real QEMU's in e2e tests). Default: a random one per GET.
   * null: the ticket carries no password (aluy answers `password: null`), so the VNC server asks for one.
   */
  consolePassword?: (serviceId: string, provider: ProviderName) => string | null
  /** elizon only: the per-key request window. Default 100 requests / 60 s. */
  rateLimit?: { limit: number; windowMs: number }
  /** elizon only: how often the game-server console stream emits a line. Default 1000 ms. */
  consoleTickMs?: number
  /** Flip every assumption on the provider's assumptions list (docs/assumptions-<provider>.md). */
  variant?: boolean
}

export interface SimAccount {
  id: string
  label: string
  /** aluy: the session-token VALUE; elizon: the API key. */
  credential: string
  /** aluy only. */
  reseller?: boolean
  /** elizon only: a scoped key's permissions (names from the reference's full list: elizon/model.ts PERMISSIONS). Absent = full access. */
  permissions?: string[]
}

export interface AddAccountOptions {
  label?: string
  servers?: number
  /** aluy only; default true. */
  reseller?: boolean
  /** aluy only; default alternates by account index. */
  billingMode?: 'PREPAID' | 'POSTPAID'
  /** elizon only: make the key scoped. */
  permissions?: string[]
}

export type FaultKind = '5xx' | 'html' | 'malformed-json' | 'reset' | 'hang' | 'rate-limit'
  /** The real answer's headers and the first half of its body, then the connection drops (a download cut off mid-stream). */
  | 'truncate'
  /** The real handler runs (an order is created), then the connection drops before any answer: a lost response. */
  | 'drop-after-handling'
  /** The requesting account's session/key expires now; the real handler then answers (403 / 401). With `skip: n`: "403 after n requests". */
  | 'expire-session'
  /** Before the real handler answers, the account's list shifts: `shift.insert` new items at its head, `shift.remove` from its head. */
  | 'shift-list'
  /** The real answer, `delayMs` late. */
  | 'slow'

export interface FaultSpec {
  kind: FaultKind
  /** Default 1; Infinity allowed. */
  times?: number
  /** Let this many matching requests through first: the fault applies from the (skip+1)th. Default 0. */
  skip?: number
  /** Matched against the pathname; default any. */
  path?: string | RegExp
  method?: string
  /** Only requests carrying this simulator account's credential; default any. */
  accountId?: string
  /** For 5xx; default 502 (aluy) / 500 (elizon). */
  status?: number
  /** For 5xx: the error text in the provider's error body (a provider echoing what it was sent). Default 'Upstream provider error'. */
  message?: string
  /** For rate-limit; default 30. */
  retryAfterSec?: number
  /** For shift-list: how the list moves (default insert 1). */
  shift?: { insert?: number; remove?: number }
  /** For slow; default 2000. */
  delayMs?: number
}

export interface RequestRecord {
  method: string
  /** The pathname. */
  path: string
  /** The query string without the leading `?` ('' when none). */
  query: string
  /** 0 while unanswered, and for 'reset' / 'hang' faults. */
  status: number
  /** The simulator account whose credential the request carried (valid or not), else null. */
  accountId: string | null
  /** Arrival time, epoch ms. */
  at: number
}

export interface Simulator<S = unknown> {
  readonly provider: ProviderName
  /** API base: aluy `http://127.0.0.1:PORT/api/reseller/v1`, elizon `http://127.0.0.1:PORT/api`. */
  readonly url: string
  /** `http://127.0.0.1:PORT` */
  readonly origin: string
  readonly accounts: SimAccount[]
  /** Every request, in arrival order. */
  readonly requests: RequestRecord[]
  inject(fault: FaultSpec): void
  clearFaults(): void
  setLatency(ms: number): void
  /** aluy: the session expires (403, /api/auth/session → {}); elizon: the key is revoked (401). */
  expireCredential(accountId: string): void
  addAccount(opts?: AddAccountOptions): SimAccount
  readonly state: S
  close(): Promise<void>
}
