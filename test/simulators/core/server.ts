// The HTTP core both simulators share: request log, latency, injected faults,
// socket tracking (so close() also ends hanging requests and open streams), and
// writing replies. Everything provider-specific comes in through `SimHooks`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { FaultQueue } from './faults'
import { json, raw, writeReply, type Reply } from './reply'
import type { FaultSpec, ProviderName, RequestRecord } from './types'

export interface SimHooks {
  readonly provider: ProviderName
  /** The status a '5xx' fault uses when the spec gives none. */
  readonly default5xxStatus: number
  /** The JSON body of a '5xx' fault, in the provider's error shape. */
  errorBody(message: string): unknown
  /** Which simulator account sent this request (by credential, valid or not). */
  identify(req: IncomingMessage): string | null
  handle(req: IncomingMessage, url: URL): Promise<Reply>
  /** 'expire-session' faults: the account's credential stops working. */
  expire?(accountId: string): void
  /** 'shift-list' faults: the account's list (the one the request reads) moves. */
  shiftList?(accountId: string, path: string, shift: { insert: number; remove: number }): void
}

export interface SimServer {
  readonly origin: string
  readonly requests: RequestRecord[]
  inject(fault: FaultSpec): void
  clearFaults(): void
  setLatency(ms: number): void
  close(): Promise<void>
}

export async function startSimServer(hooks: SimHooks, port: number, latencyMs: number): Promise<SimServer> {
  const requests: RequestRecord[] = []
  const faults = new FaultQueue()
  const sockets = new Set<Socket>()
  let latency = latencyMs
  let closing = false

  const server = createServer((req, res) => {
    void serve(req, res)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      status: 0,
      accountId: hooks.identify(req),
      at: Date.now()
    }
    requests.push(record)
    if (latency > 0) await sleep(latency)
    if (closing || res.destroyed) return
    const taken = faults.take(record.method, record.path, record.accountId)
    const fault = taken ? await beforeHandling(taken, record) : null
    if (fault?.kind === 'drop-after-handling') {
      await handleSafely(req, url)
      req.socket.destroy()
      return
    }
    if (fault?.kind === 'truncate') {
      sendTruncated(await handleSafely(req, url), res, record)
      return
    }
    const reply = fault ? faultReply(fault, hooks) : await handleSafely(req, url)
    if (reply === 'reset') {
      req.socket.destroy()
      return
    }
    if (reply === 'hang' || closing || res.destroyed) return
    send(reply, req, res, record)
  }

  /** Faults that change the world (or the clock) and then let the real handler answer: null after them. */
  async function beforeHandling(fault: FaultSpec, record: RequestRecord): Promise<FaultSpec | null> {
    switch (fault.kind) {
      case 'expire-session':
        if (record.accountId !== null) hooks.expire?.(record.accountId)
        return null
      case 'shift-list':
        if (record.accountId !== null) hooks.shiftList?.(record.accountId, record.path, { insert: fault.shift?.insert ?? (fault.shift?.remove ? 0 : 1), remove: fault.shift?.remove ?? 0 })
        return null
      case 'slow':
        await sleep(fault.delayMs ?? 2000)
        return null
      default:
        return fault
    }
  }

  async function handleSafely(req: IncomingMessage, url: URL): Promise<Reply> {
    try {
      return await hooks.handle(req, url)
    } catch (error) {
      // A simulator bug should be loud in test output, not a silent hang.
      console.error(`[${hooks.provider}-sim] handler failed:`, error)
      return json(500, hooks.errorBody('Simulator handler failed'))
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${address.port}`

  return {
    origin,
    requests,
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    setLatency: (ms) => {
      latency = Math.max(0, ms)
    },
    close: async () => {
      closing = true
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      for (const socket of sockets) socket.destroy()
      await closed
    }
  }
}

/** Announces the whole body, sends half of it, and drops the connection. */
function sendTruncated(reply: Reply, res: ServerResponse, record: RequestRecord): void {
  if (reply.kind === 'stream') {
    res.destroy()
    return
  }
  const body = Buffer.from(reply.kind === 'json' ? JSON.stringify(reply.body) : reply.body)
  record.status = reply.status
  res.writeHead(reply.status, {
    'content-type': reply.kind === 'json' ? 'application/json; charset=utf-8' : reply.contentType,
    'content-length': String(body.byteLength),
    ...reply.headers
  })
  res.write(body.subarray(0, Math.floor(body.byteLength / 2)), () => res.destroy())
}

function send(reply: Reply, req: IncomingMessage, res: ServerResponse, record: RequestRecord): void {
  if (reply.kind === 'stream') {
    record.status = 200
    reply.start(req, res)
    return
  }
  record.status = reply.status
  writeReply(reply, res)
}

const HTML_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`

function faultReply(fault: FaultSpec, hooks: SimHooks): Reply | 'reset' | 'hang' {
  switch (fault.kind) {
    case '5xx':
      return json(fault.status ?? hooks.default5xxStatus, hooks.errorBody(fault.message ?? 'Upstream provider error'))
    case 'html':
      return raw(502, 'text/html', HTML_502)
    case 'malformed-json':
      // A body cut off mid-value, as a dropped proxy connection leaves it.
      return raw(200, 'application/json; charset=utf-8', '{"success":true,"services":[{"id":"c')
    case 'rate-limit':
      return rateLimitReply(fault.retryAfterSec ?? 30, 100)
    case 'reset':
      return 'reset'
    case 'hang':
    case 'truncate':
    case 'drop-after-handling':
    case 'expire-session':
    case 'shift-list':
    case 'slow':
      return 'hang'
  }
}

/** elizon's 429: body with retryAfter plus the X-RateLimit-* and Retry-After headers. */
export function rateLimitReply(retryAfterSec: number, limit: number, resetAt = Date.now() + retryAfterSec * 1000): Reply {
  return json(
    429,
    { success: false, error: 'Rate limit exceeded', retryAfter: retryAfterSec },
    {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(resetAt),
      'retry-after': String(retryAfterSec)
    }
  )
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
