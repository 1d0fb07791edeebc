// What the adapter and HTTP-client tests share: an account context over a real HTTP client with
// short retry delays, the first simulator account, a failure caught as a
// FlotillaError, and a port nobody listens on.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHttpClient, type HttpClientOptions } from '../../src-main/core/http/fetch-http-client'
import type { AccountContext } from '../../src-main/core/providers/provider-adapter'
import { FlotillaError } from '../../src-main/shared/errors'

/** Short retry delays keep the tests fast; the default schedule is asserted in the client's unit test. */
export function ctxFor(s: { url: string }, account: { id: string; credential: string }, http: HttpClientOptions = {}): AccountContext {
  return {
    accountId: `acc_${account.id.replace(/[^a-z0-9]/g, '').padEnd(8, '0').slice(0, 32)}`,
    baseUrl: s.url,
    credential: account.credential,
    http: createHttpClient({ retryDelaysMs: [10, 20, 40], timeoutMs: 3000, ...http })
  }
}

export function first<T>(items: readonly T[]): T {
  const item = items[0]
  if (item === undefined) throw new Error('the simulator has no account')
  return item
}

export async function failure(p: Promise<unknown>): Promise<FlotillaError> {
  try {
    await p
  } catch (e) {
    if (e instanceof FlotillaError) return e
    throw e
  }
  throw new Error('expected a failure')
}

/** A 127.0.0.1 port that was free a moment ago: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
