import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildCsp } from '../shared/csp'

const electron = vi.hoisted(() => ({
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn<(scheme: string, handler: (request: Request) => Promise<Response>) => void>()
  }
}))
vi.mock('electron', () => electron)

const { handleAppProtocol, mimeTypeFor, registerAppScheme, resolveAppRequest, serveAppRequest } = await import('./app-protocol')
const { APP_ORIGIN, devServerUrl, originOf, rendererEntryUrl, trustedOrigins } = await import('./origins')

const ROOT = resolve('/srv/flotilla/out/renderer')

function isInsideRoot(path: string): boolean {
  const rel = relative(ROOT, path)
  return !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep)
}

describe('resolveAppRequest', () => {
  it('maps / and /index.html to index.html', () => {
    expect(resolveAppRequest('app://flotilla/', ROOT)).toEqual({ kind: 'file', path: join(ROOT, 'index.html') })
    expect(resolveAppRequest('app://flotilla', ROOT)).toEqual({ kind: 'file', path: join(ROOT, 'index.html') })
    expect(resolveAppRequest('app://flotilla/index.html', ROOT)).toEqual({ kind: 'file', path: join(ROOT, 'index.html') })
  })

  it('maps assets inside the renderer directory, ignoring query and hash', () => {
    expect(resolveAppRequest('app://flotilla/assets/index-abc.js?v=1#x', ROOT)).toEqual({
      kind: 'file',
      path: join(ROOT, 'assets', 'index-abc.js')
    })
    expect(resolveAppRequest('app://flotilla/assets/My%20Font.woff2', ROOT)).toEqual({
      kind: 'file',
      path: join(ROOT, 'assets', 'My Font.woff2')
    })
  })

  it('refuses encoded traversal, backslashes and NUL bytes', () => {
    for (const url of [
      'app://flotilla/..%2F..%2Fetc%2Fpasswd',
      'app://flotilla/assets/..%2f..%2f..%2fsecret',
      'app://flotilla/%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://flotilla/a%5c..%5c..%5cwindows',
      'app://flotilla/index.html%00.png',
      'app://flotilla/%E0%A4%A'
    ]) {
      expect(resolveAppRequest(url, ROOT), url).toEqual({ kind: 'forbidden' })
    }
  })

  it('keeps dot segments the URL parser resolves inside the root', () => {
    for (const url of ['app://flotilla/../../etc/passwd', 'app://flotilla/%2e%2e/%2e%2e/etc/passwd', 'app://flotilla/a/../../../x']) {
      const target = resolveAppRequest(url, ROOT)
      expect(target.kind, url).toBe('file')
      if (target.kind === 'file') expect(isInsideRoot(target.path), `${url} → ${target.path}`).toBe(true)
    }
  })

  it('refuses other hosts, schemes, ports, credentials and garbage', () => {
    for (const url of [
      'app://evil/index.html',
      'app://flotilla:8080/index.html',
      'app://user:pw@flotilla/index.html',
      'file:///etc/passwd',
      'https://flotilla/index.html',
      'not a url'
    ]) {
      expect(resolveAppRequest(url, ROOT), url).toEqual({ kind: 'forbidden' })
    }
  })

  it('answers directory paths with not-found', () => {
    expect(resolveAppRequest('app://flotilla/assets/', ROOT)).toEqual({ kind: 'not-found' })
  })
})

describe('mimeTypeFor', () => {
  it('knows the types the renderer build produces', () => {
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8')
    expect(mimeTypeFor('a.JS')).toBe('text/javascript; charset=utf-8')
    expect(mimeTypeFor('a.css')).toBe('text/css; charset=utf-8')
    expect(mimeTypeFor('a.svg')).toBe('image/svg+xml')
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2')
    expect(mimeTypeFor('a.wasm')).toBe('application/wasm')
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream')
  })
})

describe('serveAppRequest (real files)', () => {
  let base: string
  let root: string

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'flotilla-protocol-'))
    root = join(base, 'renderer')
    mkdirSync(join(root, 'assets'), { recursive: true })
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Flotilla</title>')
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(base, 'secret.txt'), 'do not serve')
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'))
  })
  afterAll(() => rmSync(base, { recursive: true, force: true }))

  it('serves index.html with its MIME type and the shared CSP', async () => {
    const res = await serveAppRequest('app://flotilla/', root)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(buildCsp())
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).toContain('<title>Flotilla</title>')
  })

  it('serves scripts as JavaScript', async () => {
    const res = await serveAppRequest('app://flotilla/assets/app.js', root)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it('answers 404 for missing files and 403 for traversal', async () => {
    expect((await serveAppRequest('app://flotilla/nope.js', root)).status).toBe(404)
    expect((await serveAppRequest('app://flotilla/..%2Fsecret.txt', root)).status).toBe(403)
  })

  it('refuses a symlink that leads out of the renderer directory', async () => {
    const res = await serveAppRequest('app://flotilla/assets/link.txt', root)
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain('do not serve')
  })

  it('handleAppProtocol registers the app scheme with this server', async () => {
    handleAppProtocol(root)
    const [scheme, handler] = electron.protocol.handle.mock.calls.at(-1) ?? []
    expect(scheme).toBe('app')
    // Electron hands the handler a GlobalRequest; only its URL is read.
    const res = await handler!({ url: 'app://flotilla/assets/app.js' } as Request)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('console.log(1)')
  })
})

describe('registerAppScheme', () => {
  it('registers app: as standard and secure, with fetch and code cache, without CORS', () => {
    registerAppScheme()
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, codeCache: true } }
    ])
  })
})

describe('origins', () => {
  it('computes origins for app: URLs, which Node reports as "null"', () => {
    expect(originOf('app://flotilla/index.html#/fleet')).toBe(APP_ORIGIN)
    expect(originOf('https://example.com:8443/x')).toBe('https://example.com:8443')
    expect(originOf('::')).toBeNull()
  })

  it('uses the dev server only in an unpackaged app', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' }
    expect(devServerUrl(false, env)).toBe('http://localhost:5173')
    expect(devServerUrl(true, env)).toBeUndefined()
    expect(devServerUrl(false, {})).toBeUndefined()
    expect(rendererEntryUrl(undefined)).toBe('app://flotilla/index.html')
    expect(rendererEntryUrl('http://localhost:5173')).toBe('http://localhost:5173')
    expect(trustedOrigins(undefined)).toEqual([APP_ORIGIN])
    expect(trustedOrigins('http://localhost:5173/')).toEqual([APP_ORIGIN, 'http://localhost:5173'])
  })
})
