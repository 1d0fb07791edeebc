// Electron's side of consoles: a provider's own console page (elizon's
// /console/embed) in an isolated window, and a console popped out into a
// window of its own. The embed window gets its own in-memory session partition
// (no cookies shared with anything else, cleared on close), no preload (so no
// `window.flotilla`), every permission denied, and navigation locked to the
// provider's origin. The API key goes with the first request only, as the
// provider needs it to set its console cookie — never into the page — and only
// when the page is on the account's own API origin. Chromium loads the page
// (not the HTTP client); a redirect of that first request is a `will-redirect`
// navigation, which the origin lock cancels for any other origin.
import { randomBytes } from 'node:crypto'
import { BrowserWindow, session, type BrowserWindowConstructorOptions } from 'electron'
import type { ConsoleEdge, EmbedRequest } from '../core/console/console-service'
import type { Logger } from '../core/logging/logger'
import { isSecureOrLoopback } from '../shared/url-policy'
import { originOf } from './origins'
import { markSelfLocked } from './security'
import { HARDENED_WEB_PREFERENCES, mainWindowOptions } from './window'

type EdgeLogger = Pick<Logger, 'warn'>

/** The parts of a BrowserWindow these functions use (Electron in the app, a fake in tests). */
export interface WindowLike {
  readonly webContents: {
    on(event: 'will-navigate' | 'will-redirect', listener: (event: { url: string; preventDefault(): void }) => void): unknown
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  }
  loadURL(url: string, options?: { extraHeaders?: string }): Promise<void>
  once(event: 'ready-to-show' | 'closed', listener: () => void): unknown
  show(): void
}

export interface SessionLike {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void
  setPermissionCheckHandler(handler: () => boolean): void
  clearStorageData(): Promise<void>
}

export interface ConsoleWindowDeps {
  readonly createWindow: (options: BrowserWindowConstructorOptions) => WindowLike
  readonly sessionFor: (partition: string) => SessionLike
  readonly logger?: EdgeLogger
}

const electronDeps = (logger?: EdgeLogger): ConsoleWindowDeps => ({
  createWindow: (options) => new BrowserWindow(options),
  sessionFor: (partition) => session.fromPartition(partition),
  ...(logger ? { logger } : {})
})

/** A partition name without `persist:`: Chromium keeps it in memory only. */
export function embedPartition(): string {
  return `console-embed-${randomBytes(8).toString('hex')}`
}

export function embedWindowOptions(partition: string, title: string): BrowserWindowConstructorOptions {
  return {
    title,
    width: 1100,
    height: 760,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    webPreferences: {
      partition,
      // No preload: the provider's page gets no bridge to Flotilla.
      ...HARDENED_WEB_PREFERENCES
    }
  }
}

/** Keeps a window on one origin: other navigations and every new window are refused. */
export function lockToOrigin(win: WindowLike, origin: string, logger?: EdgeLogger): void {
  const guard = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (originOf(event.url) === origin) return
    event.preventDefault()
    logger?.warn('blocked console navigation', { kind, origin: originOf(event.url) ?? '(unparseable)' })
  }
  win.webContents.on('will-navigate', guard('will-navigate'))
  win.webContents.on('will-redirect', guard('will-redirect'))
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

export function denyAllPermissions(target: SessionLike): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  target.setPermissionCheckHandler(() => false)
}

/** `Name: value` lines for loadURL's extraHeaders; header values with line breaks are dropped. */
export function extraHeaders(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .filter(([name, value]) => /^[A-Za-z0-9-]+$/.test(name) && !/[\r\n]/.test(value))
    .map(([name, value]) => `${name}: ${value}\n`)
    .join('')
}

/** https only, plain http only to this computer (issue 10, items 5 and 14): the page gets the API key as a header. */
export function embedUrlAllowed(url: string): boolean {
  return isSecureOrLoopback(url)
}

export async function openConsoleEmbed(request: EmbedRequest, deps: ConsoleWindowDeps): Promise<boolean> {
  const origin = originOf(request.url)
  if (origin === null || !embedUrlAllowed(request.url)) return false
  // The core already refused a foreign page; this edge checks again before a
  // header leaves, as nothing else stands between the key and Chromium.
  if (Object.keys(request.headers).length > 0 && origin !== request.credentialOrigin) {
    deps.logger?.warn('console embed refused: page not on the account origin', { origin })
    return false
  }
  const partition = embedPartition()
  const embedSession = deps.sessionFor(partition)
  denyAllPermissions(embedSession)
  const win = deps.createWindow(embedWindowOptions(partition, request.title))
  lockToOrigin(win, origin, deps.logger)
  markSelfLocked(win.webContents)
  win.once('ready-to-show', () => win.show())
  // Electron keeps an in-memory session until the app quits; the provider's
  // console cookie should not outlive its window.
  win.once('closed', () => void embedSession.clearStorageData().catch(() => undefined))
  try {
    await win.loadURL(request.url, { extraHeaders: extraHeaders(request.headers) })
    return true
  } catch {
    // The error text repeats the URL; the host is enough for the log.
    deps.logger?.warn('console embed failed to load', { origin })
    return false
  }
}

export interface PopOutOptions {
  readonly preloadPath: string
  readonly iconPath?: string
  /** The page the main window loads (app://flotilla/index.html, or the dev server). */
  readonly entryUrl: string
}

/** The URL of a popped-out console: the same renderer, showing one console. */
export function popOutUrl(entryUrl: string, serverKey: string): string {
  return `${entryUrl.replace(/#.*$/, '')}#/consoles?open=${encodeURIComponent(serverKey)}&popout=1`
}

/** A popped-out console is a second Flotilla window, hardened exactly like the main one. */
export async function openConsoleWindow(serverKey: string, title: string, options: PopOutOptions, deps: ConsoleWindowDeps): Promise<boolean> {
  const win = deps.createWindow({ ...mainWindowOptions(options.preloadPath, options.iconPath), title, width: 1024, height: 720, minWidth: 480, minHeight: 360 })
  win.once('ready-to-show', () => win.show())
  try {
    await win.loadURL(popOutUrl(options.entryUrl, serverKey))
    return true
  } catch {
    deps.logger?.warn('console window failed to load')
    return false
  }
}

/** The hook main-process.ts hands to the core. */
export function createConsoleEdge(options: PopOutOptions & { logger?: EdgeLogger }, deps: ConsoleWindowDeps = electronDeps(options.logger)): ConsoleEdge {
  return {
    openEmbed: (request) => openConsoleEmbed(request, deps),
    openConsoleWindow: (serverKey, title) => openConsoleWindow(serverKey, title, options, deps)
  }
}
