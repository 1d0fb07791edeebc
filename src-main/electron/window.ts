// The main window's options. Every web preference that matters for security is
// spelled out, even where it equals Electron's default, so a future default
// change or a stray edit is caught by the tests.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'

export const WINDOW_TITLE = 'Flotilla'

/** The security-relevant web preferences every Flotilla window uses (the main one, pop-outs, console embeds). */
export const HARDENED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true
} as const satisfies WebPreferences

export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 560,
    // Shown on `ready-to-show`, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#0f172a',
    autoHideMenuBar: true,
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      ...HARDENED_WEB_PREFERENCES
    }
  }
}
