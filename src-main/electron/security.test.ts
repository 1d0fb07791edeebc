import { EventEmitter } from 'node:events'
import type { App, HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => ({ shell: { openExternal: vi.fn<(url: string) => Promise<void>>() } }))
vi.mock('electron', () => electron)

const {
  hardenAllWebContents,
  hardenWebContents,
  installCertificatePolicy,
  installPermissionHandlers,
  isPermissionAllowed,
  isSafeExternalUrl,
  markSelfLocked,
  openExternalGuarded
} = await import('./security')
const { APP_ORIGIN } = await import('./origins')

/** webContents at Electron's edge: real events, plus the window-open handler slot. */
class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler
  }
  navigate(kind: 'will-navigate' | 'will-redirect', url: string): boolean {
    const event = { url, preventDefault: vi.fn() }
    this.emit(kind, event)
    return event.preventDefault.mock.calls.length === 0
  }
  attachWebview(): boolean {
    const event = { preventDefault: vi.fn() }
    this.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' })
    return event.preventDefault.mock.calls.length === 0
  }
}

function harden(contents: FakeWebContents, openExternal = vi.fn(async () => true), logger = { info: vi.fn(), warn: vi.fn() }) {
  hardenWebContents(contents as unknown as WebContents, {
    trustedOrigins: [APP_ORIGIN, 'http://localhost:5173'],
    openExternal,
    logger
  })
  return { openExternal, logger }
}

beforeEach(() => {
  electron.shell.openExternal.mockReset()
  electron.shell.openExternal.mockResolvedValue(undefined)
})

describe('hardenWebContents', () => {
  it('allows navigation within our own origins only', () => {
    const contents = new FakeWebContents()
    harden(contents)
    expect(contents.navigate('will-navigate', 'app://flotilla/index.html#/accounts')).toBe(true)
    expect(contents.navigate('will-navigate', 'http://localhost:5173/')).toBe(true)
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(false)
    expect(contents.navigate('will-navigate', 'app://other/index.html')).toBe(false)
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(false)
    expect(contents.navigate('will-navigate', 'javascript:alert(1)')).toBe(false)
  })

  it('leaves navigation of a window with its own origin lock (the console embed) to that lock', () => {
    const contents = new FakeWebContents()
    harden(contents)
    markSelfLocked(contents)
    expect(contents.navigate('will-navigate', 'https://panel.provider.example/console/embed?step=2')).toBe(true)
  })

  it('blocks redirects to other origins', () => {
    const contents = new FakeWebContents()
    const { logger } = harden(contents)
    expect(contents.navigate('will-redirect', 'https://evil.example/steal')).toBe(false)
    expect(logger.warn).toHaveBeenCalledWith('blocked navigation', { kind: 'will-redirect', origin: 'https://evil.example' })
  })

  it('denies every new window and hands https links to the guarded browser opener', () => {
    const contents = new FakeWebContents()
    const { openExternal } = harden(contents)
    const open = (url: string) => contents.windowOpenHandler!({ url } as HandlerDetails)
    expect(open('https://docs.example.com/')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://docs.example.com/')
    expect(open('app://flotilla/index.html')).toEqual({ action: 'deny' })
    expect(open('http://insecure.example/')).toEqual({ action: 'deny' })
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledTimes(1)
  })

  it('prevents <webview> attachment', () => {
    const contents = new FakeWebContents()
    harden(contents)
    expect(contents.attachWebview()).toBe(false)
  })

  it('is applied to every webContents the app creates', () => {
    const app = new EventEmitter()
    hardenAllWebContents(app as unknown as App, { trustedOrigins: [APP_ORIGIN] })
    const contents = new FakeWebContents()
    app.emit('web-contents-created', {}, contents)
    expect(contents.windowOpenHandler).not.toBeNull()
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(false)
  })
})

describe('openExternalGuarded', () => {
  it('opens https URLs in the OS browser', async () => {
    expect(await openExternalGuarded('https://aluy.example/docs?x=1')).toBe(true)
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://aluy.example/docs?x=1')
  })

  it('refuses every other scheme, credentials in the URL and garbage', async () => {
    const logger = { info: vi.fn(), warn: vi.fn() }
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://example.com/',
      'smb://host/share',
      'flotilla://open',
      'vbscript:msgbox',
      'https://user:secret@example.com/',
      'https://:tokentoken@example.com/',
      'https://',
      'https:// spaced.example/',
      'not a url',
      ''
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false)
      expect(await openExternalGuarded(url, logger), url).toBe(false)
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
  })

  it('logs only the scheme of a refused URL, never its token', async () => {
    const logger = { info: vi.fn(), warn: vi.fn() }
    await openExternalGuarded('http://host/?token=hunter2', logger)
    expect(logger.warn).toHaveBeenCalledWith('refused to open external link', { scheme: 'http' })
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain('hunter2')
  })

  it('reports false when the OS cannot open the link', async () => {
    electron.shell.openExternal.mockRejectedValueOnce(new Error('no browser'))
    expect(await openExternalGuarded('https://example.com/')).toBe(false)
  })
})

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void
type CheckHandler = (contents: unknown, permission: string, origin: string, details: { requestingUrl?: string }) => boolean

function fakeSession() {
  const slots: { request?: RequestHandler; check?: CheckHandler; verify?: (req: { hostname: string }, cb: (r: number) => void) => void } = {}
  const session = {
    setPermissionRequestHandler: (h: RequestHandler) => (slots.request = h),
    setPermissionCheckHandler: (h: CheckHandler) => (slots.check = h),
    setCertificateVerifyProc: (p: typeof slots.verify) => (slots.verify = p)
  }
  return { session: session as unknown as Session, slots }
}

describe('permission handlers', () => {
  function request(handler: RequestHandler, permission: string, requestingUrl: string): boolean {
    let granted: boolean | undefined
    handler(null, permission, (g) => (granted = g), { requestingUrl })
    if (granted === undefined) throw new Error('callback not called')
    return granted
  }

  it('deny every permission request except clipboard writes, fullscreen and notifications from our own page', () => {
    const { session, slots } = fakeSession()
    installPermissionHandlers(session)
    for (const permission of ['media', 'geolocation', 'openExternal', 'clipboard-read', 'midi', 'pointerLock', 'unknown']) {
      expect(request(slots.request!, permission, 'app://flotilla/index.html'), permission).toBe(false)
    }
    for (const permission of ['clipboard-sanitized-write', 'fullscreen', 'notifications']) {
      expect(request(slots.request!, permission, 'app://flotilla/index.html'), permission).toBe(true)
      expect(request(slots.request!, permission, 'https://evil.example/'), permission).toBe(false)
    }
  })

  it('deny permission checks the same way', () => {
    const { session, slots } = fakeSession()
    installPermissionHandlers(session)
    expect(slots.check!(null, 'geolocation', 'app://flotilla', { requestingUrl: 'app://flotilla/' })).toBe(false)
    expect(slots.check!(null, 'clipboard-sanitized-write', 'app://flotilla', {})).toBe(true)
    expect(slots.check!(null, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false)
  })

  it('isPermissionAllowed needs a requesting URL', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined)).toBe(false)
  })
})

describe('installCertificatePolicy', () => {
  function verdict(verify: (req: { hostname: string }, cb: (r: number) => void) => void, hostname: string): number {
    let result: number | undefined
    verify({ hostname }, (r) => (result = r))
    return result!
  }

  it('leaves certificate checks to Chromium by default', () => {
    const { session, slots } = fakeSession()
    expect(installCertificatePolicy(session, { isPackaged: false, env: {} })).toBe(false)
    expect(slots.verify).toBeUndefined()
  })

  it('never relaxes a packaged app, even with the test variable set', () => {
    const { session, slots } = fakeSession()
    expect(installCertificatePolicy(session, { isPackaged: true, env: { FLOTILLA_TEST_TRUST_LOCALHOST: '1' } })).toBe(false)
    expect(slots.verify).toBeUndefined()
  })

  it('in tests trusts 127.0.0.1 only and keeps Chromium’s verdict for every other host', () => {
    const { session, slots } = fakeSession()
    expect(installCertificatePolicy(session, { isPackaged: false, env: { FLOTILLA_TEST_TRUST_LOCALHOST: '1' } })).toBe(true)
    expect(verdict(slots.verify!, '127.0.0.1')).toBe(0)
    expect(verdict(slots.verify!, 'localhost')).toBe(-3)
    expect(verdict(slots.verify!, 'api.aluy.example')).toBe(-3)
  })
})
