// Hardening applied to every webContents and to the default session, following
// Electron's security checklist: no navigation away from Flotilla's own origin,
// no new windows, no <webview>, no permissions beyond clipboard writes, and
// links leave the app only as https:// through the OS browser.
import { shell, type App, type Session, type WebContents } from 'electron'
import type { Logger } from '../core/logging/logger'
import { APP_ORIGIN, originOf } from './origins'

type EdgeLogger = Pick<Logger, 'info' | 'warn'>

/** True when `url` belongs to one of the trusted origins (app:// or the dev server). */
export function isTrustedUrl(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url)
  return origin !== null && origins.includes(origin)
}

/**
 * `url` parsed, when it may be handed to the OS browser: https only, a host,
 * and no credentials in the URL (the browser would show or send them).
 */
export function parseSafeExternalUrl(url: string): URL | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  const safe = parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === ''
  return safe ? parsed : null
}

export function isSafeExternalUrl(url: string): boolean {
  return parseSafeExternalUrl(url) !== null
}

/**
 * Opens an https link in the user's browser; anything else is refused and
 * logged. The normalised form is opened, so what was checked is what is opened.
 */
export async function openExternalGuarded(url: string, logger?: EdgeLogger): Promise<boolean> {
  const safe = parseSafeExternalUrl(url)
  if (!safe) {
    logger?.warn('refused to open external link', { scheme: schemeOf(url) })
    return false
  }
  try {
    await shell.openExternal(safe.href)
    return true
  } catch {
    // The OS error text repeats the URL, which may carry a token: log the host only.
    logger?.warn('opening external link failed', { host: safe.hostname })
    return false
  }
}

// Only the scheme is logged: the rest of a refused URL may carry a token.
function schemeOf(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url)
  return match?.[1]?.toLowerCase() ?? '(none)'
}

export interface HardenOptions {
  readonly trustedOrigins: readonly string[]
  readonly logger?: EdgeLogger
  /** Where denied window.open / target=_blank https links go; defaults to the guarded shell call. */
  readonly openExternal?: (url: string) => Promise<boolean>
}

interface NavigationEvent {
  readonly url: string
  preventDefault(): void
}

// webContents that enforce an origin lock of their own (the console embed window,
// locked to its provider's origin) are exempt from the lock to Flotilla's origin,
// which would otherwise refuse every navigation inside the provider's page.
const selfLocked = new WeakSet<object>()

export function markSelfLocked(contents: object): void {
  selfLocked.add(contents)
}

/** Locks one webContents to Flotilla's origin. Applied to every webContents via `web-contents-created`. */
export function hardenWebContents(contents: WebContents, options: HardenOptions): void {
  const openExternal = options.openExternal ?? ((url: string) => openExternalGuarded(url, options.logger))
  const guardNavigation = (kind: string) => (event: NavigationEvent) => {
    if (selfLocked.has(contents) || isTrustedUrl(event.url, options.trustedOrigins)) return
    event.preventDefault()
    options.logger?.warn('blocked navigation', { kind, origin: originOf(event.url) ?? '(unparseable)' })
  }
  contents.on('will-navigate', guardNavigation('will-navigate'))
  contents.on('will-redirect', guardNavigation('will-redirect'))
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    options.logger?.warn('blocked <webview>')
  })
}

/**
 * What Flotilla's own page may use, nothing else and no other origin: sanitised
 * clipboard writes (copy buttons, console clipboard), fullscreen (the console
 * toolbar) and notifications (only sent when the user switched them on).
 */
const APP_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'fullscreen', 'notifications'])

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return APP_PERMISSIONS.has(permission) && requestingUrl !== undefined && originOf(requestingUrl) === APP_ORIGIN
}

/** Deny-by-default permission request and check handlers for a session. */
export function installPermissionHandlers(session: Session, logger?: EdgeLogger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl)
    if (!allowed) logger?.warn('denied permission request', { permission })
    callback(allowed)
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin)
  )
}

/** Chromium's verify-proc results: 0 accepts, -3 keeps Chromium's own verdict. */
const CERT_ACCEPT = 0
const CERT_USE_CHROMIUM_RESULT = -3

/**
 * Certificate checking stays Chromium's everywhere, with one exception for the
 * test suite: the console tests run a websockify with a self-signed certificate
 * on 127.0.0.1 (a real `wss://` peer, the shape aluy returns), and Chromium would
 * refuse it. Only when FLOTILLA_TEST_TRUST_LOCALHOST=1, only in an unpackaged
 * build, and only for the host 127.0.0.1 is that certificate accepted.
 * Returns whether the exception was installed.
 */
export function installCertificatePolicy(session: Session, opts: { isPackaged: boolean; env?: NodeJS.ProcessEnv }): boolean {
  const env = opts.env ?? process.env
  if (opts.isPackaged || env.FLOTILLA_TEST_TRUST_LOCALHOST !== '1') return false
  session.setCertificateVerifyProc((request, callback) => {
    callback(request.hostname === '127.0.0.1' ? CERT_ACCEPT : CERT_USE_CHROMIUM_RESULT)
  })
  return true
}

/** Hardens every webContents the app ever creates, including ones made by Chromium itself. */
export function hardenAllWebContents(app: App, options: HardenOptions): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options))
}
