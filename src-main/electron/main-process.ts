// Electron's side of main: app lifecycle, the window, and the wiring between
// Electron and the Electron-free core (src-main/core). Everything Flotilla does
// lives in the core; this file only connects it to IPC, the window and the OS.
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron'
import { createAppCore, type AppCore } from '../core/app-core'
import { createDispatcher } from '../core/ipc/dispatch'
import { createLogger, type Logger } from '../core/logging/logger'
import { KeytarSecretStore } from '../core/secrets/keytar-secret-store'
import { isFlotillaError } from '../shared/errors'
import { installAppMenu } from './app-menu'
import { handleAppProtocol, registerAppScheme } from './app-protocol'
import { createConsoleEdge } from './console-embed'
import { createSshWindowOpener } from './ssh-window'
import { devServerUrl, rendererEntryUrl, trustedOrigins } from './origins'
import {
  hardenAllWebContents,
  installCertificatePolicy,
  installPermissionHandlers,
  isTrustedUrl,
  openExternalGuarded
} from './security'
import { bindIpc, createTrustedSenderCheck, sendEvent } from './validated-ipc'
import { mainWindowOptions } from './window'
import { createSaveFile } from './save-dialog'

export interface MainProcessPaths {
  /** Built preload (out/preload/preload.cjs). */
  readonly preloadPath: string
  /** Built renderer served on app:// (out/renderer). */
  readonly rendererDir: string
  /** Window icon (Linux/Windows; macOS uses the bundle's). */
  readonly iconPath?: string
}

export interface MainProcess {
  /** Resolves once the core is up and the first window was created. */
  readonly ready: Promise<void>
}

const KEYCHAIN_SERVICE = 'Flotilla'
/** electron-builder.yml's appId: Windows ties notifications and the taskbar to it. */
export const APP_USER_MODEL_ID = 'app.flotilla.desktop'
/** How long quitting waits for the core's last writes before it gives up on them. */
const SHUTDOWN_TIMEOUT_MS = 5_000

export function startMainProcess(paths: MainProcessPaths, env: NodeJS.ProcessEnv = process.env): MainProcess {
  applyUserDataOverride(env)
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return { ready: Promise.resolve() }
  }
  const edge = prepareBeforeReady(paths, env)
  const ready = app.whenReady().then(() => startWhenReady(paths, edge, env))
  ready.catch((error: unknown) => {
    edge.logger.error('start-up failed', describeError(error))
    console.error('Flotilla could not start; details are in the log file.')
    // A packaged app has no terminal to show stderr: without this box it would just vanish.
    dialog.showErrorBox('Flotilla could not start', `Details are in the log file:\n${edge.logFile}`)
    app.exit(1)
  })
  return { ready }
}

interface Edge {
  readonly logger: Logger
  readonly logFile: string
  readonly devUrl: string | undefined
  readonly origins: readonly string[]
  readonly mainWindow: MainWindowSlot
}

/** Everything Chromium only honours before `ready`, plus app-wide listeners. */
function prepareBeforeReady(paths: MainProcessPaths, env: NodeJS.ProcessEnv): Edge {
  app.enableSandbox()
  registerAppScheme()
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)
  const logFile = join(app.getPath('userData'), 'logs', 'flotilla.log')
  const logger = createLogger({ file: logFile, level: logLevelFrom(env) })
  logProcessErrors(logger)
  const devUrl = devServerUrl(app.isPackaged, env)
  const origins = trustedOrigins(devUrl)
  hardenAllWebContents(app, { trustedOrigins: origins, logger })
  const mainWindow = new MainWindowSlot(() => createMainWindow(paths, rendererEntryUrl(devUrl), logger))
  app.on('second-instance', () => mainWindow.focus())
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('render-process-gone', (_event, _contents, details) => {
    logger.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode })
  })
  app.on('child-process-gone', (_event, details) => {
    logger.warn('child process gone', { type: details.type, reason: details.reason, exitCode: details.exitCode })
  })
  return { logger, logFile, devUrl, origins, mainWindow }
}

async function startWhenReady(paths: MainProcessPaths, edge: Edge, env: NodeJS.ProcessEnv): Promise<void> {
  const { logger } = edge
  installAppMenu(Menu, { isPackaged: app.isPackaged, platform: process.platform })
  installPermissionHandlers(session.defaultSession, logger)
  if (installCertificatePolicy(session.defaultSession, { isPackaged: app.isPackaged, env })) {
    logger.warn('test mode: trusting self-signed certificates of 127.0.0.1')
  }
  handleAppProtocol(paths.rendererDir)
  const core = await createAppCore({
    userDataDir: app.getPath('userData'),
    secretStore: new KeytarSecretStore({ service: KEYCHAIN_SERVICE }),
    logger,
    appVersion: app.getVersion(),
    platform: process.platform,
    systemLocale: app.getSystemLocale(),
    openExternal: (url) => openExternalGuarded(url, logger),
    console: createConsoleEdge({ preloadPath: paths.preloadPath, ...(paths.iconPath ? { iconPath: paths.iconPath } : {}), entryUrl: rendererEntryUrl(edge.devUrl), logger }),
    ssh: {
      openWindow: createSshWindowOpener({ preloadPath: paths.preloadPath, ...(paths.iconPath ? { iconPath: paths.iconPath } : {}), entryUrl: rendererEntryUrl(edge.devUrl), logger })
    },
    saveFile: createSaveFile({
      dialog: () => dialog,
      window: () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0],
      defaultDir: () => app.getPath('downloads')
    })
  })
  const unbind = connectCore(core, edge.origins, logger)
  edge.mainWindow.start()
  // macOS: clicking the dock icon brings the main window back, even beside a popped-out console.
  app.on('activate', () => edge.mainWindow.focus())
  disposeOnQuit(core, unbind, logger)
}

/** FLOTILLA_LOG_LEVEL=debug logs every HTTP request (support cases); anything else: info. */
export function logLevelFrom(env: NodeJS.ProcessEnv): 'debug' | 'info' {
  return env.FLOTILLA_LOG_LEVEL === 'debug' ? 'debug' : 'info'
}

/**
 * DEMO HOOK. `npm run demo` (test/harness/electron-demo.ts) prepares simulator
 * accounts in a throw-away profile and starts the app with FLOTILLA_USER_DATA
 * pointing at it, so the demo never sees the user's accounts. Nothing of the
 * harness is bundled into the app, and a packaged app ignores the variable.
 */
function applyUserDataOverride(env: NodeJS.ProcessEnv): void {
  const dir = env.FLOTILLA_USER_DATA
  if (dir && !app.isPackaged) app.setPath('userData', dir)
}

/** Binds the core's handlers to IPC and forwards its events to every window. */
function connectCore(core: AppCore, origins: readonly string[], logger: Logger): () => void {
  const dispatch = createDispatcher(core.handlers, {
    onError: (channel, error) => logger.warn('ipc handler failed', { channel, ...describeError(error) })
  })
  const unbindIpc = bindIpc(ipcMain, dispatch, {
    isTrustedSender: createTrustedSenderCheck({
      origins,
      topFrames: () => BrowserWindow.getAllWindows().map((w) => w.webContents.mainFrame)
    }),
    logger
  })
  // Only Flotilla's own pages: a console embed window shows a provider's page,
  // and its renderer process has no business holding the fleet or invoices.
  const stopEvents = forwardEvents(core, () => BrowserWindow.getAllWindows().filter((win) => showsTrustedPage(win, origins)))
  return () => {
    stopEvents()
    unbindIpc()
  }
}

/** Sends every core event to every open window; returns the unsubscribe. */
export function forwardEvents(core: Pick<AppCore, 'onEvent'>, windows: () => readonly Pick<BrowserWindow, 'webContents'>[]): () => void {
  return core.onEvent((event, payload) => {
    for (const win of windows()) sendEvent(win.webContents, event, payload)
  })
}

/** True when the window's top frame shows one of Flotilla's own origins (a destroyed window throws: false). */
export function showsTrustedPage(win: Pick<BrowserWindow, 'webContents'>, origins: readonly string[]): boolean {
  try {
    return !win.webContents.isDestroyed() && isTrustedUrl(win.webContents.mainFrame.url, origins)
  } catch {
    return false
  }
}

function createMainWindow(paths: MainProcessPaths, url: string, logger: Logger): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(paths.preloadPath, paths.iconPath))
  win.once('ready-to-show', () => win.show())
  win.loadURL(url).catch((error: unknown) => {
    logger.error('window failed to load', describeError(error))
    // ready-to-show may never come; a hidden window would leave an invisible,
    // single-instance-locked process the user cannot reach.
    if (!win.isDestroyed()) win.show()
  })
  return win
}

type WindowFactory = () => Pick<BrowserWindow, 'once' | 'isDestroyed' | 'isMinimized' | 'isVisible' | 'restore' | 'show' | 'focus'>

/**
 * The one main window. Pop-out consoles and console embeds are extra windows
 * beside it: a second instance or the dock icon brings back the main window,
 * not whichever window happens to be first, and closing the main window closes
 * them too (they belong to it; "pop in" needs it), so the app can quit.
 */
export class MainWindowSlot {
  private current: ReturnType<WindowFactory> | null = null
  private started = false

  constructor(
    private readonly create: WindowFactory,
    private readonly otherWindows: () => ReadonlyArray<Pick<BrowserWindow, 'close' | 'isDestroyed'>> = () => BrowserWindow.getAllWindows()
  ) {}

  /** Opens the main window once the core answers IPC; from then on focus() may re-create it. */
  start(): void {
    this.started = true
    this.focus()
  }

  /**
   * Shows and focuses the main window, creating it when there is none. Before
   * start() it does nothing: a second instance launched during start-up must not
   * open a window before ready, nor one whose IPC calls find no handler yet.
   */
  focus(): void {
    if (!this.started) return
    const win = this.current && !this.current.isDestroyed() ? this.current : this.open()
    if (win.isMinimized()) win.restore()
    // Shown only once the page is painted (ready-to-show), unless it already was.
    if (win.isVisible()) win.focus()
  }

  private open(): ReturnType<WindowFactory> {
    const win = this.create()
    this.current = win
    win.once('closed', () => {
      if (this.current === win) this.current = null
      for (const other of this.otherWindows()) if (!other.isDestroyed()) other.close()
    })
    return win
  }
}

/** Quitting waits (once) for the core to finish writing before the process ends. */
function disposeOnQuit(core: AppCore, unbind: () => void, logger: Logger): void {
  let disposed = false
  app.on('will-quit', (event) => {
    if (disposed) return
    disposed = true
    event.preventDefault()
    unbind()
    void disposeThenQuit(() => core.dispose(), () => app.quit(), {
      timeoutMs: SHUTDOWN_TIMEOUT_MS,
      onError: (error) => logger.error('shutdown failed', describeError(error))
    })
  })
}

/**
 * Runs `dispose`, then `quit` — also when dispose fails or hangs (a keychain
 * or disk that does not answer must not leave an app that cannot be quit).
 */
export async function disposeThenQuit(
  dispose: () => Promise<void>,
  quit: () => void,
  options: { readonly timeoutMs: number; onError(error: unknown): void }
): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      options.onError(new Error(`shutdown did not finish within ${options.timeoutMs} ms`))
      resolve()
    }, options.timeoutMs)
  })
  const disposed = Promise.resolve()
    .then(dispose)
    .catch((error: unknown) => options.onError(error))
  try {
    await Promise.race([disposed, timedOut])
  } finally {
    clearTimeout(timer)
    quit()
  }
}

/**
 * An uncaught error in main is logged (through the redacting logger) and
 * announced on stderr; the app keeps running so unsaved work is not lost to,
 * say, one failed network callback. Crash reports are never uploaded:
 * crashReporter is deliberately not started.
 */
function logProcessErrors(logger: Logger): void {
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception', describeError(error))
    console.error('Flotilla: uncaught exception in main; details are in the log file.')
  })
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled rejection', describeError(reason))
    console.error('Flotilla: unhandled promise rejection in main; details are in the log file.')
  })
}

function describeError(error: unknown): Record<string, unknown> {
  if (isFlotillaError(error)) return { code: error.code, message: error.message }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack }
  return { value: String(error) }
}
