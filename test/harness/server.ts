// The web harness: main's real core in Node (no Electron), the built renderer
// served on 127.0.0.1, and the same handler table bridged over a WebSocket that
// only accepts this run's random token from this origin. A test and demo tool;
// nothing here is part of the packaged app.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { WebSocketServer, type WebSocket } from 'ws'
import { createAppCore, type AppCore, type AppCoreOptions } from '../../src-main/core/app-core'
import { createDispatcher } from '../../src-main/core/ipc/dispatch'
import { buildCsp } from '../../src-main/shared/csp'

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..')
/** The built renderer; FLOTILLA_OUT_DIR matches the build's (electron.vite.config.ts). */
export const RENDERER_DIR = resolve(ROOT, process.env.FLOTILLA_OUT_DIR ?? 'out', 'renderer')

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.json': 'application/json',
  '.wasm': 'application/wasm'
}

export interface HarnessOptions extends Omit<AppCoreOptions, 'harness' | 'appVersion' | 'platform' | 'systemLocale'> {
  readonly port?: number
  readonly rendererDir?: string
  readonly systemLocale?: string
}

export interface Harness {
  /** Open this in a browser: it carries the per-run token. */
  readonly url: string
  readonly origin: string
  readonly core: AppCore
  close(): Promise<void>
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const token = randomBytes(24).toString('hex')
  const core = await createAppCore({
    ...opts,
    harness: true,
    appVersion: process.env.npm_package_version ?? '0.0.0-harness',
    platform: process.platform,
    systemLocale: opts.systemLocale ?? 'en-US'
  })
  const dispatch = createDispatcher(core.handlers, {
    onError: (channel, error) => opts.logger.warn('ipc handler failed', { channel, error })
  })
  const bridgeJs = await bundleBridge()
  const rendererDir = opts.rendererDir ?? RENDERER_DIR

  const server = createServer((req, res) => {
    serveStatic(req, res, rendererDir, bridgeJs, origin).catch(() => {
      res.writeHead(500).end()
    })
  })
  await new Promise<void>((ok) => server.listen(opts.port ?? 0, '127.0.0.1', ok))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  server.on('upgrade', (req, socket, head) => {
    if (!isAuthorised(req, token, origin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, core, dispatch, opts.logger))
  })

  return {
    url: `${origin}/?token=${token}#/`,
    origin,
    core,
    async close() {
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((ok) => server.close(() => ok()))
      await core.dispose()
    }
  }
}

/** Frames above this are refused by ws itself (close 1009); the harness stays up. */
export const MAX_FRAME_BYTES = 1 << 20

function serveSocket(ws: WebSocket, core: AppCore, dispatch: ReturnType<typeof createDispatcher>, logger: AppCoreOptions['logger']): void {
  const unsubscribe = core.onEvent((event, payload) => ws.send(JSON.stringify({ event, payload })))
  ws.on('close', unsubscribe)
  // Without a listener, ws's error for an oversized frame would be thrown and end the process (the demo).
  ws.on('error', (error) => logger.warn('harness socket error', { message: error.message }))
  ws.on('message', (raw) => {
    answer(raw, dispatch)
      .then((reply) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply))
      })
      .catch((error: unknown) => logger.warn('harness message failed', { error }))
  })
}

type Reply = { id: number | null; result: unknown }

/** Every message gets an answer: a call's result, or a validation error for anything that is not a call. */
async function answer(raw: unknown, dispatch: ReturnType<typeof createDispatcher>): Promise<Reply> {
  let msg: unknown
  try {
    msg = JSON.parse(String(raw))
  } catch {
    return refused(null, 'The message is not JSON.')
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return refused(null, 'The message is not a call object.')
  const { id, channel, input } = msg as { id?: unknown; channel?: unknown; input?: unknown }
  if (typeof id !== 'number') return refused(null, 'The message has no numeric id.')
  return { id, result: await dispatch(channel, input) }
}

function refused(id: number | null, message: string): Reply {
  return { id, result: { ok: false, error: { code: 'validation', message } } }
}

/** Only this run's page may use the bridge: same origin and the right token. */
function isAuthorised(req: IncomingMessage, token: string, origin: string): boolean {
  const url = new URL(req.url ?? '/', origin)
  if (url.pathname !== '/__harness/ws' || req.headers.origin !== origin) return false
  const given = Buffer.from(url.searchParams.get('token') ?? '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, dir: string, bridgeJs: string, origin: string): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://x').pathname
  if (path === '/__harness/bridge.js') {
    res.writeHead(200, { 'content-type': MIME['.js']!, 'cache-control': 'no-store' }).end(bridgeJs)
    return
  }
  const file = path === '/' ? join(dir, 'index.html') : normalize(join(dir, decodeURIComponent(path)))
  if (!file.startsWith(dir + sep)) {
    res.writeHead(404).end()
    return
  }
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    res.writeHead(404).end()
    return
  }
  if (file.endsWith('index.html')) body = Buffer.from(harnessIndex(body.toString('utf8'), origin))
  res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body)
}

/** The built index.html with the bridge script first and the bridge's socket allowed by the CSP. */
export function harnessIndex(html: string, origin: string): string {
  const csp = buildCsp({ connectSrc: [origin.replace(/^http/, 'ws')], meta: true })
  return html.replace(
    /<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/,
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n    <script src="/__harness/bridge.js"></script>`
  )
}

async function bundleBridge(): Promise<string> {
  const out = await build({
    entryPoints: [join(ROOT, 'test/harness/bridge-client.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'silent'
  })
  return out.outputFiles[0]!.text
}
