// Electron's side of main: app lifecycle, the window, and the wiring between
// Electron and the Electron-free core (src-main/core). Everything Flotilla does
// lives in the core; this file only connects it to IPC, the window and the OS.
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron'
import { createAppCore, type AppCore } from '../core/app-core'
import { createDispatcher } from '../core/ipc/dispatch'
import { createLogger, type Logger } from '../core/logging/logger'
import { KeytarSecretStore } from '../core/secrets/keytar-secret-store'
import { isFlotillaError } from '../shared/errors'
import { handleAppProtocol, registerAppScheme } from './app-protocol'
import { createConsoleEdge } from './console-embed'
import { devServerUrl, rendererEntryUrl, trustedOrigins } from './origins'
import {
  hardenAllWebContents,
  installCertificatePolicy,
  installPermissionHandlers,
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

export function startMainProcess(paths: MainProcessPaths, env: NodeJS.ProcessEnv = process.env): MainProcess {
  applyUserDataOverride(env)
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return { ready: Promise.resolve() }
  }
  const edge = prepareBeforeReady(env)
  const ready = app.whenReady().then(() => startWhenReady(paths, edge, env))
  ready.catch((error: unknown) => {
    edge.logger.error('start-up failed', describeError(error))
    console.error('Flotilla could not start; details are in the log file.')
    app.exit(1)
  })
  return { ready }
}

interface Edge {
  readonly logger: Logger
  readonly devUrl: string | undefined
  readonly origins: readonly string[]
}

/** Everything Chromium only honours before `ready`, plus app-wide listeners. */
function prepareBeforeReady(env: NodeJS.ProcessEnv): Edge {
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
  return { logger, devUrl, origins }
}

async function startWhenReady(paths: MainProcessPaths, edge: Edge, env: NodeJS.ProcessEnv): Promise<void> {
  const { logger } = edge
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
    saveFile: createSaveFile({
      dialog: () => dialog,
      window: () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0],
      defaultDir: () => app.getPath('downloads')
    })
  })
  const unbind = connectCore(core, edge.origins, logger)
  const openWindow = () => createMainWindow(paths, rendererEntryUrl(edge.devUrl), logger)
  openWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })
  disposeOnQuit(core, unbind, logger)
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
  const stopEvents = forwardEvents(core, () => BrowserWindow.getAllWindows())
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
