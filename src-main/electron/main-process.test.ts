// The main-process wiring with Electron faked at its edge (app, BrowserWindow,
// ipcMain, session, protocol, shell) and everything else real: the core runs
// on a temporary userData directory and answers over the bound IPC handlers.
import { EventEmitter } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserWindow } from 'electron'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppCore } from '../core/app-core'
import { EVENT_IPC_CHANNEL, INVOKE_CHANNELS } from '../shared/ipc-channels'

const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events')

  /** Electron's `app`: one instance (the module export), reset in place between tests. */
  class FakeApp extends EventEmitter {
    isPackaged = false
    gotLock = true
    paths = new Map<string, string>()
    calls: string[] = []
    quit = vi.fn(() => void this.calls.push('quit'))
    exit = vi.fn()
    private readyResolve: () => void = () => undefined
    private readyPromise: Promise<void> = Promise.resolve()

    reset(): void {
      this.removeAllListeners()
      this.isPackaged = false
      this.gotLock = true
      this.paths = new Map()
      this.calls = []
      this.readyPromise = new Promise<void>((r) => (this.readyResolve = r))
    }
    requestSingleInstanceLock() {
      return this.gotLock
    }
    enableSandbox() {
      this.calls.push('enableSandbox')
    }
    getPath(name: string) {
      return this.paths.get(name) ?? `/nonexistent/${name}`
    }
    setPath(name: string, value: string) {
      this.paths.set(name, value)
    }
    getVersion() {
      return '9.8.7'
    }
    getSystemLocale() {
      return 'de-DE'
    }
    whenReady() {
      return this.readyPromise
    }
    becomeReady() {
      this.calls.push('ready')
      this.readyResolve()
    }
  }

  let nextRoutingId = 1
  class FakeBrowserWindow extends EventEmitter {
    static windows: FakeBrowserWindow[] = []
    static getAllWindows = () => [...FakeBrowserWindow.windows]
    readonly webContents: { mainFrame: { url: string }; send: ReturnType<typeof vi.fn>; isDestroyed: () => boolean }
    loadedUrl: string | null = null
    shown = false
    destroyed = false
    minimized = false
    constructor(readonly options: Record<string, unknown>, pageUrl = 'app://flotilla/index.html') {
      super()
      const routingId = nextRoutingId++
      this.webContents = {
        mainFrame: { url: pageUrl, parent: null, detached: false, processId: 7, routingId } as { url: string },
        send: vi.fn(),
        isDestroyed: () => this.destroyed
      }
      FakeBrowserWindow.windows.push(this)
    }
    loadURL(url: string) {
      this.loadedUrl = url
      return Promise.resolve()
    }
    show() {
      this.shown = true
    }
    isVisible = () => this.shown
    isDestroyed = () => this.destroyed
    isMinimized = () => this.minimized
    restore = vi.fn(() => void (this.minimized = false))
    focus = vi.fn()
    close = vi.fn(() => {
      if (this.destroyed) return
      this.destroyed = true
      FakeBrowserWindow.windows.splice(FakeBrowserWindow.windows.indexOf(this), 1)
      this.emit('closed')
    })
  }

  type Listener = (event: { senderFrame: unknown }, ...args: unknown[]) => Promise<unknown>
  const ipcMain = {
    handlers: new Map<string, Listener>(),
    handle(channel: string, listener: Listener) {
      this.handlers.set(channel, listener)
    },
    removeHandler(channel: string) {
      this.handlers.delete(channel)
    }
  }

  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setCertificateVerifyProc: vi.fn()
    }
  }
  const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() }
  const dialog = { showErrorBox: vi.fn(), showSaveDialog: vi.fn() }
  return { FakeApp, FakeBrowserWindow, ipcMain, session, protocol, dialog, app: new FakeApp() }
})

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeBrowserWindow,
  ipcMain: fake.ipcMain,
  session: fake.session,
  protocol: fake.protocol,
  dialog: fake.dialog,
  Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
  shell: { openExternal: vi.fn() }
}))

const { APP_USER_MODEL_ID, disposeThenQuit, forwardEvents, MainWindowSlot, showsTrustedPage, startMainProcess } = await import('./main-process')

const paths = { preloadPath: '/app/out/preload/preload.cjs', rendererDir: '/app/out/renderer', iconPath: '/app/resources/icon.png' }
const tempDirs: string[] = []
const processListenersBefore = {
  uncaughtException: process.listeners('uncaughtException'),
  unhandledRejection: process.listeners('unhandledRejection')
}

function freshApp(): InstanceType<typeof fake.FakeApp> {
  fake.app.reset()
  const userData = mkdtempSync(join(tmpdir(), 'flotilla-main-'))
  tempDirs.push(userData)
  fake.app.paths.set('userData', userData)
  return fake.app
}

let running = false

async function start(env: NodeJS.ProcessEnv = {}) {
  const app = freshApp()
  running = true
  const main = startMainProcess(paths, env)
  app.becomeReady()
  await main.ready
  return app
}

function invoke(channel: string, senderFrame: unknown, input?: unknown): Promise<unknown> {
  const listener = fake.ipcMain.handlers.get(channel)
  if (!listener) throw new Error(`no handler for ${channel}`)
  return listener({ senderFrame }, input)
}

beforeEach(() => {
  fake.FakeBrowserWindow.windows.length = 0
  fake.ipcMain.handlers.clear()
  vi.clearAllMocks()
})

afterEach(async () => {
  // Let a started app quit, so its core is disposed before the next test.
  if (running) {
    running = false
    if (fake.app.quit.mock.calls.length === 0) {
      fake.app.emit('will-quit', { preventDefault: () => undefined })
      await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled())
    }
  }
  restoreProcessListeners()
})

afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true })
})

/** startMainProcess installs process-wide error loggers; each test leaves the worker as it found it, so vitest still sees stray errors. */
function restoreProcessListeners(): void {
  for (const l of process.listeners('uncaughtException')) {
    if (!processListenersBefore.uncaughtException.includes(l)) process.removeListener('uncaughtException', l)
  }
  for (const l of process.listeners('unhandledRejection')) {
    if (!processListenersBefore.unhandledRejection.includes(l)) process.removeListener('unhandledRejection', l)
  }
}

describe('startMainProcess', () => {
  it('quits at once when another instance holds the lock', async () => {
    const app = freshApp()
    app.gotLock = false
    await startMainProcess(paths, {}).ready
    expect(app.calls).toEqual(['quit'])
    expect(fake.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled()
  })

  it('enables the sandbox and registers the app scheme before ready', async () => {
    const app = await start()
    expect(app.calls.indexOf('enableSandbox')).toBeLessThan(app.calls.indexOf('ready'))
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1)
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
  })

  it('opens one hardened window on app://flotilla and shows it when ready', async () => {
    await start()
    const [win] = fake.FakeBrowserWindow.windows
    expect(fake.FakeBrowserWindow.windows).toHaveLength(1)
    expect(win!.loadedUrl).toBe('app://flotilla/index.html')
    expect(win!.options).toMatchObject({ title: 'Flotilla', show: false, icon: paths.iconPath })
    expect(win!.options.webPreferences).toMatchObject({ preload: paths.preloadPath, sandbox: true, contextIsolation: true })
    win!.emit('ready-to-show')
    expect(win!.shown).toBe(true)
  })

  it('writes its log under userData/logs', async () => {
    const app = await start()
    expect(existsSync(join(app.getPath('userData'), 'logs', 'flotilla.log'))).toBe(true)
  })

  it('answers app.info from the real core over IPC for our window only', async () => {
    await start()
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())
    const frame = fake.FakeBrowserWindow.windows[0]!.webContents.mainFrame
    expect(await invoke('app.info', frame)).toEqual({
      ok: true,
      value: { name: 'Flotilla', version: '9.8.7', platform: process.platform, systemLocale: 'de-DE', harness: false, warnings: [], dataDir: expect.any(String), resetPending: false }
    })
    const stranger = { url: 'app://flotilla/index.html', parent: null, detached: false, processId: 7, routingId: 999 }
    expect(await invoke('app.info', stranger)).toMatchObject({ ok: false, error: { code: 'ipc-rejected' } })
  })

  it('hardens every webContents and installs deny-by-default permissions', async () => {
    const app = await start()
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() })
    app.emit('web-contents-created', {}, contents)
    expect(contents.setWindowOpenHandler).toHaveBeenCalled()
    expect(contents.listenerCount('will-navigate')).toBe(1)
    expect(fake.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled()
    expect(fake.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled()
    expect(fake.session.defaultSession.setCertificateVerifyProc).not.toHaveBeenCalled()
  })

  it('uses FLOTILLA_USER_DATA (the demo hook) in an unpackaged app', async () => {
    const demoDir = mkdtempSync(join(tmpdir(), 'flotilla-demo-'))
    tempDirs.push(demoDir)
    const app = await start({ FLOTILLA_USER_DATA: demoDir })
    expect(app.getPath('userData')).toBe(demoDir)
    expect(existsSync(join(demoDir, 'logs', 'flotilla.log'))).toBe(true)
  })

  it('ignores FLOTILLA_USER_DATA in a packaged app', () => {
    const app = freshApp()
    app.isPackaged = true
    const before = app.getPath('userData')
    startMainProcess(paths, { FLOTILLA_USER_DATA: '/tmp/somewhere-else' })
    expect(app.getPath('userData')).toBe(before)
  })

  it('disposes the core once on quit, then quits', async () => {
    const app = await start()
    const preventDefault = vi.fn()
    app.emit('will-quit', { preventDefault })
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled())
    expect(preventDefault).toHaveBeenCalledTimes(1)
    expect(fake.ipcMain.handlers.size).toBe(0)
  })
})

describe('startMainProcess: windows', () => {
  it("pushes core events to Flotilla's windows only, never into a console embed's provider page", async () => {
    await start()
    const [main] = fake.FakeBrowserWindow.windows
    const embed = new fake.FakeBrowserWindow({}, 'https://elizon.app/api/services/42/console/embed')
    const popOut = new fake.FakeBrowserWindow({}, 'app://flotilla/index.html#/consoles?open=k&popout=1')
    // Tagging a server is a core call that pushes `servers.metaChanged` at once.
    expect(await invoke('servers.setMeta', main!.webContents.mainFrame, { keys: ['acc_abcdefgh:svc-1'], favourite: true })).toMatchObject({ ok: true })
    const pushed = expect.objectContaining({ event: 'servers.metaChanged' })
    expect(main!.webContents.send).toHaveBeenCalledWith(EVENT_IPC_CHANNEL, pushed)
    expect(popOut.webContents.send).toHaveBeenCalledWith(EVENT_IPC_CHANNEL, pushed)
    expect(embed.webContents.send).not.toHaveBeenCalled()
  })

  it('shows the failure in a dialog and exits when start-up fails (a packaged app has no terminal)', async () => {
    const app = freshApp()
    fake.session.defaultSession.setPermissionRequestHandler.mockImplementationOnce(() => {
      throw new Error('no session')
    })
    const main = startMainProcess(paths, {})
    app.becomeReady()
    await expect(main.ready).rejects.toThrow('no session')
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1))
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Flotilla could not start', expect.stringContaining(join(app.getPath('userData'), 'logs', 'flotilla.log')))
    expect(fake.FakeBrowserWindow.windows).toHaveLength(0)
  })

  it("uses electron-builder's appId as the Windows app user model id", () => {
    const builderConfig = readFileSync(fileURLToPath(new URL('../../electron-builder.yml', import.meta.url)), 'utf8')
    expect(builderConfig).toMatch(new RegExp(`^appId: ${APP_USER_MODEL_ID.replace(/\./g, '\\.')}$`, 'm'))
  })
})

describe('MainWindowSlot', () => {
  const slot = () => new MainWindowSlot(() => new fake.FakeBrowserWindow({}) as unknown as BrowserWindow, () => [...fake.FakeBrowserWindow.windows] as unknown as BrowserWindow[])

  it('opens nothing before start (a second instance during start-up), then exactly one window', () => {
    const s = slot()
    s.focus()
    expect(fake.FakeBrowserWindow.windows).toHaveLength(0)
    s.start()
    s.focus()
    expect(fake.FakeBrowserWindow.windows).toHaveLength(1)
  })

  it('brings back the main window, not a pop-out that happens to come first', () => {
    const popOut = new fake.FakeBrowserWindow({})
    const s = slot()
    s.start()
    const main = fake.FakeBrowserWindow.windows[1]!
    main.show()
    main.minimized = true
    s.focus()
    expect(main.restore).toHaveBeenCalled()
    expect(main.focus).toHaveBeenCalled()
    expect(popOut.focus).not.toHaveBeenCalled()
  })

  it('closing the main window closes pop-outs and embeds, and focus() opens a new main window (macOS dock)', () => {
    const s = slot()
    s.start()
    const main = fake.FakeBrowserWindow.windows[0]!
    const popOut = new fake.FakeBrowserWindow({})
    const embed = new fake.FakeBrowserWindow({}, 'https://elizon.app/console')
    main.close()
    expect(popOut.close).toHaveBeenCalled()
    expect(embed.close).toHaveBeenCalled()
    expect(fake.FakeBrowserWindow.windows).toHaveLength(0)
    s.focus()
    expect(fake.FakeBrowserWindow.windows).toHaveLength(1)
    expect(fake.FakeBrowserWindow.windows[0]).not.toBe(main)
  })
})

describe('showsTrustedPage', () => {
  it('is false for other origins, pages still loading and destroyed windows', () => {
    const origins = ['app://flotilla']
    expect(showsTrustedPage(new fake.FakeBrowserWindow({}) as unknown as BrowserWindow, origins)).toBe(true)
    expect(showsTrustedPage(new fake.FakeBrowserWindow({}, 'https://elizon.app/') as unknown as BrowserWindow, origins)).toBe(false)
    expect(showsTrustedPage(new fake.FakeBrowserWindow({}, '') as unknown as BrowserWindow, origins)).toBe(false)
    const closed = new fake.FakeBrowserWindow({})
    closed.destroyed = true
    expect(showsTrustedPage(closed as unknown as BrowserWindow, origins)).toBe(false)
    const throwing = { webContents: { isDestroyed: () => false, get mainFrame(): never { throw new Error('Render frame was disposed') } } }
    expect(showsTrustedPage(throwing as unknown as BrowserWindow, origins)).toBe(false)
  })
})

describe('disposeThenQuit', () => {
  it('quits after the core finished', async () => {
    const order: string[] = []
    await disposeThenQuit(async () => void order.push('disposed'), () => order.push('quit'), { timeoutMs: 60_000, onError: () => order.push('error') })
    expect(order).toEqual(['disposed', 'quit'])
  })

  it('quits and reports when dispose fails, synchronously or not', async () => {
    for (const dispose of [() => Promise.reject(new Error('disk full')), () => { throw new Error('sync') }]) {
      const errors: unknown[] = []
      const quit = vi.fn()
      await disposeThenQuit(dispose as () => Promise<void>, quit, { timeoutMs: 60_000, onError: (e) => errors.push(e) })
      expect(quit).toHaveBeenCalledTimes(1)
      expect(errors).toHaveLength(1)
    }
  })

  it('quits anyway when dispose never finishes', async () => {
    vi.useFakeTimers()
    try {
      const errors: unknown[] = []
      const quit = vi.fn()
      const done = disposeThenQuit(() => new Promise<void>(() => undefined), quit, { timeoutMs: 5_000, onError: (e) => errors.push(e) })
      await vi.advanceTimersByTimeAsync(4_999)
      expect(quit).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(1)
      await done
      expect(quit).toHaveBeenCalledTimes(1)
      expect(String(errors[0])).toContain('did not finish within 5000 ms')
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('forwardEvents', () => {
  it('sends each core event to every open window until unsubscribed', () => {
    const core = new EventEmitter()
    const fakeCore: Pick<AppCore, 'onEvent'> = {
      onEvent(listener) {
        core.on('event', listener)
        return () => void core.off('event', listener)
      }
    }
    const windows = [new fake.FakeBrowserWindow({}), new fake.FakeBrowserWindow({})]
    const stop = forwardEvents(fakeCore, () => windows as unknown as Pick<BrowserWindow, 'webContents'>[])
    core.emit('event', 'fleet.changed', { servers: [] })
    for (const w of windows) {
      expect(w.webContents.send).toHaveBeenCalledWith(EVENT_IPC_CHANNEL, { event: 'fleet.changed', payload: { servers: [] } })
    }
    stop()
    core.emit('event', 'fleet.changed', {})
    expect(windows[0]!.webContents.send).toHaveBeenCalledTimes(1)
  })
})
