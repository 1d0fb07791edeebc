// The `app://flotilla/` scheme that serves the built renderer. A privileged
// standard scheme gives the page a real origin (so the CSP's 'self', fetch and
// noVNC's secure-context requirement all work) without file:// and its
// access to the whole disk.
import { readFile, realpath } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { protocol } from 'electron'
import { buildCsp } from '../shared/csp'
import { APP_HOST, APP_SCHEME } from './origins'

/**
 * Must run before `app` is ready: Chromium fixes scheme privileges at start-up.
 * `standard` gives the page a real origin (same-origin module scripts, fonts and
 * the pdf.js module worker need no CORS); `corsEnabled` stays off, so no other
 * origin can read app:// files; `codeCache` lets V8 keep compiled scripts
 * between starts, as it does for http(s) (it needs `standard`).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, codeCache: true }
    }
  ])
}

export type AppRequestTarget =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'forbidden' }

/**
 * Maps a request URL to a file inside `rootDir`, refusing everything that could
 * escape it: other hosts, credentials, encoded slashes or dots that decode to `..`,
 * backslashes, NUL bytes and absolute paths.
 */
export function resolveAppRequest(requestUrl: string, rootDir: string): AppRequestTarget {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return { kind: 'forbidden' }
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return { kind: 'forbidden' }

  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return { kind: 'forbidden' }
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'forbidden' }
  if (pathname === '' || pathname === '/') pathname = '/index.html'

  const root = resolve(rootDir)
  const target = resolve(root, `.${pathname}`)
  if (!isInside(root, target)) return { kind: 'forbidden' }
  if (target === root || pathname.endsWith('/')) return { kind: 'not-found' }
  return { kind: 'file', path: target }
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.eot': 'application/vnd.ms-fontobject',
  '.wasm': 'application/wasm'
}

export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/** Headers every app:// response carries; the CSP is the same one index.html's meta tag has. */
export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': buildCsp(),
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache'
  }
}

/**
 * Answers one app:// request. A symlink inside the renderer directory could still
 * point outside it, so the real path is checked again before reading.
 */
export async function serveAppRequest(requestUrl: string, rootDir: string): Promise<Response> {
  const target = resolveAppRequest(requestUrl, rootDir)
  if (target.kind === 'forbidden') return plain(403, 'Forbidden')
  if (target.kind === 'not-found') return plain(404, 'Not found')
  try {
    const [realRoot, realTarget] = await Promise.all([realpath(rootDir), realpath(target.path)])
    if (!isInside(realRoot, realTarget)) return plain(403, 'Forbidden')
    const body = await readFile(realTarget)
    return new Response(new Uint8Array(body), { status: 200, headers: responseHeaders(mimeTypeFor(realTarget)) })
  } catch {
    return plain(404, 'Not found')
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: responseHeaders('text/plain; charset=utf-8') })
}

/** Serves the built renderer on app://flotilla/ (call after `app` is ready). */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, rendererDir))
}
