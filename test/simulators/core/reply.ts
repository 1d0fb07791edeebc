// What a route handler returns. The server core writes it (after latency), so
// handlers stay plain functions that tests can read top to bottom.
import type { IncomingMessage, ServerResponse } from 'node:http'

export type Headers = Record<string, string>

export type Reply =
  | { kind: 'json'; status: number; body: unknown; headers?: Headers }
  | { kind: 'raw'; status: number; body: string | Uint8Array; contentType: string; headers?: Headers }
  /** The handler owns the response from here (SSE). */
  | { kind: 'stream'; headers?: Headers; start: (req: IncomingMessage, res: ServerResponse) => void }

export function json(status: number, body: unknown, headers?: Headers): Reply {
  return headers ? { kind: 'json', status, body, headers } : { kind: 'json', status, body }
}

export function raw(status: number, contentType: string, body: string | Uint8Array, headers?: Headers): Reply {
  return headers ? { kind: 'raw', status, body, contentType, headers } : { kind: 'raw', status, body, contentType }
}

/** Adds headers to any reply (elizon's rate-limit headers ride on every authenticated answer). */
export function withHeaders(reply: Reply, headers: Headers): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } }
}

export function writeReply(reply: Exclude<Reply, { kind: 'stream' }>, res: ServerResponse): void {
  const isJson = reply.kind === 'json'
  const body = isJson ? JSON.stringify(reply.body) : reply.body
  res.writeHead(reply.status, {
    'content-type': isJson ? 'application/json; charset=utf-8' : reply.contentType,
    'content-length': String(Buffer.byteLength(body)),
    ...reply.headers
  })
  res.end(body)
}
