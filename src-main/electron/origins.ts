// Which origins are Flotilla's own, without touching Electron, so the IPC
// sender check, navigation guards and protocol handler share one definition.

export const APP_SCHEME = 'app'
export const APP_HOST = 'flotilla'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * `protocol://host` of a URL, or null when it cannot be parsed. Node's URL
 * reports `origin: "null"` for schemes it does not know (like app:), so the
 * origin is rebuilt from its parts.
 */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return null
  }
}

/**
 * The electron-vite dev server URL (it sets ELECTRON_RENDERER_URL for `electron-vite dev`).
 * A packaged app ignores it, so an environment variable cannot point the
 * window (and its bridge) at someone else's page.
 */
export function devServerUrl(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (isPackaged) return undefined
  const url = env.ELECTRON_RENDERER_URL
  return url && originOf(url) ? url : undefined
}

/** The page the main window loads: the dev server while developing, else the built renderer. */
export function rendererEntryUrl(devUrl: string | undefined): string {
  return devUrl ?? APP_ENTRY_URL
}

/** Origins whose pages are Flotilla's own: app:// and, in development only, the dev server. */
export function trustedOrigins(devUrl: string | undefined): string[] {
  const devOrigin = devUrl ? originOf(devUrl) : null
  return devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN]
}
