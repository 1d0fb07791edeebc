// A tiny 127.0.0.1 HTTP server that answers exactly the bodies of an API
// reference's examples (test/fixtures/reference/*.json), so contract tests run
// the adapters' real code paths over real HTTP against what the reference
// shows, not against our simulators' reading of it.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReferenceEntry {
  readonly provider: string
  readonly kind: 'response' | 'request'
  readonly method: string
  /** With `:id` placeholders, e.g. '/services/:id/status'. */
  readonly path: string
  readonly status: number | null
  readonly label: string
  readonly line: number
  readonly json: unknown
}

export interface Served {
  readonly status: number
  readonly body: unknown
}

export interface ReferenceServer {
  /** Base URL with the API prefix. */
  readonly url: string
  /** Requests seen, as `METHOD /path?query`. */
  readonly seen: string[]
  /** JSON bodies sent, by `METHOD /path` (the last one). */
  readonly bodies: Map<string, unknown>
  /** Answer this method + reference path with this entry (or body) until reset. */
  answer(method: string, path: string, served: Served): void
  reset(): void
  close(): Promise<void>
}

function pattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:id/g, '[^/]+')}$`)
}

/**
 * Every success example answers by default (first per method + path); `answer`
 * overrides one route (an error example, or a varied body).
 */
export async function startReferenceServer(entries: readonly ReferenceEntry[], prefix: string): Promise<ReferenceServer> {
  const defaults = new Map<string, Served>()
  for (const e of entries) {
    const key = `${e.method} ${e.path}`
    if (e.kind === 'response' && e.status !== null && e.status < 300 && !defaults.has(key)) defaults.set(key, { status: e.status, body: e.json })
  }
  let overrides = new Map<string, Served>()
  const seen: string[] = []
  const bodies = new Map<string, unknown>()
  const routes = (): { method: string; re: RegExp; served: Served; specificity: number }[] =>
    [...new Map([...defaults, ...overrides]).entries()].map(([key, served]) => {
      const [method, path] = key.split(' ') as [string, string]
      return { method, re: pattern(path), served, specificity: path.length }
    })
  const server: HttpServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    seen.push(`${req.method} ${url.pathname.slice(prefix.length)}${url.search}`)
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const path = url.pathname.slice(prefix.length)
      if (chunks.length > 0) {
        try {
          bodies.set(`${req.method} ${path}`, JSON.parse(Buffer.concat(chunks).toString('utf8')))
        } catch {
          bodies.set(`${req.method} ${path}`, null)
        }
      }
      const hit = routes()
        .filter((r) => r.method === req.method && r.re.test(path))
        .sort((a, b) => b.specificity - a.specificity)[0]
      const served = hit?.served ?? { status: 404, body: { error: 'Not found' } }
      const text = JSON.stringify(served.body)
      res.writeHead(served.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
      res.end(text)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    seen,
    bodies,
    answer: (method, path, served) => overrides.set(`${method} ${path}`, served),
    reset: () => {
      overrides = new Map()
      seen.length = 0
      bodies.clear()
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
