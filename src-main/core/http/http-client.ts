// The port of the one HTTP client under the provider adapters. The implementation
// (timeouts, the references' retry rules, rate limits, error mapping) lives in
// `fetch-http-client.ts`.
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
  readonly timeoutMs?: number
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
}
