// The port of the one HTTP client under the provider adapters. The implementation
// (timeouts, the references' retry rules, rate limits, error mapping, size
// limits, the credential's origin rule) lives in `fetch-http-client.ts`.

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

export interface HttpRequest {
  /** Which account's budget (concurrency, rate limit) the request spends. */
  readonly accountId: string
  readonly method: HttpMethod
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  /** Sent as JSON. */
  readonly body?: unknown
  /** How to read a 2xx body. Default 'json'. */
  readonly responseType?: 'json' | 'bytes' | 'text'
  /** Retry 5xx and dropped connections with the references' backoff. Default: GET only. Never for orders. */
  readonly retry?: boolean
  /** On 429 with retryAfter (elizon), wait and try again instead of failing at once. Default false. */
  readonly waitOnRateLimit?: boolean
  /** The one deadline of an attempt, from sending to the body's last byte (streams: until the headers). */
  readonly timeoutMs?: number
  /** Most bytes of the (decompressed) body; default by responseType (`BODY_LIMITS`). */
  readonly maxBytes?: number
  /**
   * The account's origin and secrets (set by `scopedHttp` for every request of an
   * account context): any other origin is refused before sending, and the
   * secrets are scrubbed from every provider text.
   */
  readonly scope?: CredentialScope
  readonly signal?: AbortSignal
}

export interface HttpResponse<T> {
  readonly status: number
  readonly headers: Headers
  readonly data: T
}

export interface HttpClient {
  /** Resolves for 2xx; throws a FlotillaError (code mapped from status / failure) otherwise. */
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>
  /**
   * A long-lived answer (server-sent events): each body chunk goes to `onChunk`
   * as it arrives until the host ends it (resolves) or `signal` aborts (rejects
   * with `cancelled`). Same origin rule, redirect rule and error mapping as
   * `request`; never retried, and outside the account's concurrency cap.
   */
  stream(req: HttpRequest, onChunk: (chunk: Uint8Array) => void): Promise<void>
}

/** Which account a request belongs to: its API origin and its own secrets (see credential-scope.ts). */
export interface CredentialScope {
  /** `scheme://host:port` of the account's API base URL. */
  readonly origin: string
  /** The account's own secrets (its cookie value or API key). */
  readonly secrets: readonly string[]
}
