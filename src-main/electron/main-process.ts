// Electron's side of main: app lifecycle, the window, and the wiring between
// Electron and the Electron-free core (src-main/core). Everything Flotilla does
// lives in the core; this file only connects it to IPC, the window and the OS.
import { join } from 'node:path'
import { app, BrowserWindow, ipcMain, session } from 'electron'
import { createAppCore, type AppCore } from '../core/app-core'
import { createDispatcher } from '../core/ipc/dispatch'
import { createLogger, type Logger } from '../core/logging/logger'
import { KeytarSecretStore } from '../core/secrets/keytar-secret-store'
import { isFlotillaError } from '../shared/errors'
import { devServerUrl, handleAppProtocol, registerAppScheme, rendererEntryUrl, trustedOrigins } from './app-protocol'
import {
  hardenAllWebContents,
  installCertificatePolicy,
  installPermissionHandlers,
  openExternalGuarded
} from './security'
import { bindIpc, createTrustedSenderCheck, sendEvent } from './validated-ipc'
import { mainWindowOptions } from './window'

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

/** Keychain service of real accounts; the demo keeps its entries apart. */
const KEYCHAIN_SERVICE = 'Flotilla'
const DEMO_KEYCHAIN_SERVICE = 'Flotilla Demo'

export function startMainProcess(paths: MainProcessPaths, env: NodeJS.ProcessEnv = process.env): MainProcess {
  const demo = applyDemoUserData(env)
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return { ready: Promise.resolve() }
  }
  // Both must happen before `ready`: Chromium reads them at start-up.
  app.enableSandbox()
  registerAppScheme()

  const logger = createLogger({ file: join(app.getPath('userData'), 'logs', 'flotilla.log') })
  logProcessErrors(logger)
  const devUrl = devServerUrl(app.isPackaged, env)
  const origins = trustedOrigins(devUrl)
  hardenAllWebContents(app, { trustedOrigins: origins, logger })
  app.on('second-instance', () => focusFirstWindow())
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  const ready = app.whenReady().then(async () => {
    installPermissionHandlers(session.defaultSession, logger)
    if (installCertificatePolicy(session.defaultSession, { isPackaged: app.isPackaged, env })) {
      logger.warn('test mode: trusting self-signed certificates of 127.0.0.1')
    }
    handleAppProtocol(paths.rendererDir)
    const core = await createAppCore({
      userDataDir: app.getPath('userData'),
      secretStore: new KeytarSecretStore({ service: demo ? DEMO_KEYCHAIN_SERVICE : KEYCHAIN_SERVICE }),
      logger,
      appVersion: app.getVersion(),
      platform: process.platform,
      systemLocale: app.getSystemLocale(),
      openExternal: (url) => openExternalGuarded(url, logger)
    })
    const unbind = connectCore(core, origins, logger)
    const openWindow = () => createMainWindow(paths, rendererEntryUrl(devUrl), logger)
    openWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow()
    })
    disposeOnQuit(core, unbind, logger)
  })
  ready.catch((error: unknown) => {
    logger.error('start-up failed', describeError(error))
    console.error('Flotilla could not start; details are in the log file.')
    app.exit(1)
  })
  return { ready }
}

/**
 * `npm run demo` (FLOTILLA_DEMO=1) runs against a throw-away profile given in
 * FLOTILLA_DEMO_USERDATA so it never sees the user's accounts. The demo's fake
 * accounts are set up by the test harness from outside; nothing of the harness
 * is bundled into the app. Returns whether demo mode is on.
 */
function applyDemoUserData(env: NodeJS.ProcessEnv): boolean {
  if (env.FLOTILLA_DEMO !== '1') return false
  const dir = env.FLOTILLA_DEMO_USERDATA
  if (dir) app.setPath('userData', dir)
  return true
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
  const stopEvents = core.onEvent((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) sendEvent(win.webContents, event, payload)
  })
  return () => {
    stopEvents()
    unbindIpc()
  }
}

function createMainWindow(paths: MainProcessPaths, url: string, logger: Logger): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(paths.preloadPath, paths.iconPath))
  win.once('ready-to-show', () => win.show())
  win.loadURL(url).catch((error: unknown) => logger.error('window failed to load', describeError(error)))
  return win
}

function focusFirstWindow(): void {
  const win = BrowserWindow.getAllWindows()[0]
  if (!win) return
  if (win.isMinimized()) win.restore()
  win.focus()
}

/** Quitting waits (once) for the core to finish writing before the process ends. */
function disposeOnQuit(core: AppCore, unbind: () => void, logger: Logger): void {
  let disposed = false
  app.on('will-quit', (event) => {
    if (disposed) return
    disposed = true
    event.preventDefault()
    unbind()
    core
      .dispose()
      .catch((error: unknown) => logger.error('shutdown failed', describeError(error)))
      .finally(() => app.quit())
  })
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
