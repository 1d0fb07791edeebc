// The console windows with Electron faked at its edge: what the isolated embed
// window is allowed, where it may go, and what the pop-out window is.
import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindowConstructorOptions } from 'electron'

vi.mock('electron', () => ({ BrowserWindow: class {}, session: { fromPartition: () => ({}) } }))

const { createConsoleEdge, extraHeaders, popOutUrl } = await import('./console-embed')
const { mainWindowOptions } = await import('./window')

type Listener = (event: { url: string; preventDefault(): void }) => void

function fakeDeps() {
  const windows: Array<{
    options: BrowserWindowConstructorOptions
    listeners: Map<string, Listener>
    openHandler?: (d: { url: string }) => { action: 'deny' }
    loaded: Array<{ url: string; options?: { extraHeaders?: string } }>
    onceListeners: Map<string, () => void>
  }> = []
  const sessions: Array<{ partition: string; request?: (c: unknown, p: string, cb: (g: boolean) => void) => void; check?: () => boolean; cleared: number }> = []
  const deps = {
    createWindow: (options: BrowserWindowConstructorOptions) => {
      const record = {
        options,
        listeners: new Map<string, Listener>(),
        loaded: [] as Array<{ url: string; options?: { extraHeaders?: string } }>,
        onceListeners: new Map<string, () => void>()
      } as (typeof windows)[number]
      windows.push(record)
      return {
        webContents: {
          on: (event: string, listener: Listener) => record.listeners.set(event, listener),
          setWindowOpenHandler: (handler: (d: { url: string }) => { action: 'deny' }) => {
            record.openHandler = handler
          }
        },
        loadURL: async (url: string, options?: { extraHeaders?: string }) => {
          record.loaded.push(options ? { url, options } : { url })
        },
        once: (event: string, listener: () => void) => record.onceListeners.set(event, listener),
        show: () => undefined
      }
    },
    sessionFor: (partition: string) => {
      const record: (typeof sessions)[number] = { partition, cleared: 0 }
      sessions.push(record)
      return {
        setPermissionRequestHandler: (h: NonNullable<typeof record.request>) => (record.request = h),
        setPermissionCheckHandler: (h: () => boolean) => (record.check = h),
        clearStorageData: async () => void record.cleared++
      }
    }
  }
  return { deps, windows, sessions }
}

function navigate(listener: Listener | undefined, url: string): boolean {
  let prevented = false
  listener?.({ url, preventDefault: () => (prevented = true) })
  return prevented
}

describe('the isolated embed window', () => {
  const request = { url: 'https://elizon.app/api/services/42/console/embed', headers: { 'x-api-key': 'ek_live_secret' }, credentialOrigin: 'https://elizon.app', title: 'Console — web-1' }

  it('has its own in-memory partition, no preload, and the sandbox', async () => {
    const { deps, windows, sessions } = fakeDeps()
    expect(await createConsoleEdge({ preloadPath: '/p.cjs', entryUrl: 'app://flotilla/index.html' }, deps).openEmbed!(request)).toBe(true)
    const prefs = windows[0]!.options.webPreferences!
    expect(prefs.partition).toBe(sessions[0]!.partition)
    expect(prefs.partition).toMatch(/^console-embed-[0-9a-f]{16}$/)
    expect(prefs.partition).not.toMatch(/^persist:/)
    expect(prefs.preload).toBeUndefined()
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true })
  })

  it('sends the API key only as a header of the first request, and denies every permission', async () => {
    const { deps, windows, sessions } = fakeDeps()
    await createConsoleEdge({ preloadPath: '/p.cjs', entryUrl: 'app://flotilla/index.html' }, deps).openEmbed!(request)
    expect(windows[0]!.loaded).toEqual([{ url: request.url, options: { extraHeaders: 'x-api-key: ek_live_secret\n' } }])
    let granted: boolean | undefined
    sessions[0]!.request?.(null, 'media', (g) => (granted = g))
    expect(granted).toBe(false)
    expect(sessions[0]!.check?.()).toBe(false)
  })

  it("locks navigation to the provider's origin and opens no new windows", async () => {
    const { deps, windows } = fakeDeps()
    await createConsoleEdge({ preloadPath: '/p.cjs', entryUrl: 'app://flotilla/index.html' }, deps).openEmbed!(request)
    const w = windows[0]!
    expect(navigate(w.listeners.get('will-navigate'), 'https://elizon.app/novnc/vnc.html')).toBe(false)
    expect(navigate(w.listeners.get('will-navigate'), 'https://evil.example/')).toBe(true)
    expect(navigate(w.listeners.get('will-redirect'), 'http://elizon.app/')).toBe(true)
    expect(w.openHandler?.({ url: 'https://elizon.app/x' })).toEqual({ action: 'deny' })
  })

  it("clears the partition's cookies and storage when the window closes", async () => {
    const { deps, windows, sessions } = fakeDeps()
    await createConsoleEdge({ preloadPath: '/p.cjs', entryUrl: 'app://flotilla/index.html' }, deps).openEmbed!(request)
    expect(sessions[0]!.cleared).toBe(0)
    windows[0]!.onceListeners.get('closed')?.()
    expect(sessions[0]!.cleared).toBe(1)
  })

  it('refuses a non-http(s) page', async () => {
    const { deps, windows } = fakeDeps()
    expect(await createConsoleEdge({ preloadPath: '/p.cjs', entryUrl: 'app://flotilla/index.html' }, deps).openEmbed!({ ...request, url: 'file:///etc/passwd' })).toBe(false)
    expect(windows).toEqual([])
  })

  it("refuses a page on another origin than the account's, before any window or header", async () => {
    const { deps, windows } = fakeDeps()
    const edge = createConsoleEdge({ preloadPath: '/p.cjs', entryUrl: 'app://flotilla/index.html' }, deps)
    for (const url of ['https://evil.example/console/embed', 'http://elizon.app/api/services/42/console/embed', 'https://elizon.app:8443/x']) {
      expect(await edge.openEmbed!({ ...request, url })).toBe(false)
    }
    expect(windows).toEqual([])
  })

  it('drops header values that would inject further headers', () => {
    expect(extraHeaders({ 'x-api-key': 'a\r\nCookie: x', ok: 'v' })).toBe('ok: v\n')
  })
})

describe('the pop-out window', () => {
  it('is a Flotilla window hardened like the main one, showing one console', async () => {
    const { deps, windows } = fakeDeps()
    const edge = createConsoleEdge({ preloadPath: '/p.cjs', entryUrl: 'app://flotilla/index.html' }, deps)
    expect(await edge.openConsoleWindow!('acc_abcdefgh:svc 1', 'web-1')).toBe(true)
    expect(windows[0]!.options.webPreferences).toEqual(mainWindowOptions('/p.cjs').webPreferences)
    expect(windows[0]!.loaded[0]!.url).toBe('app://flotilla/index.html#/consoles?open=acc_abcdefgh%3Asvc%201&popout=1')
    expect(popOutUrl('http://localhost:5173/#/fleet', 'k')).toBe('http://localhost:5173/#/consoles?open=k&popout=1')
  })
})
