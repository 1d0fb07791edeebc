// Electron's side of SSH terminals (issue 15): a terminal popped out into a
// window of its own. Like a popped-out console it is a second Flotilla window,
// hardened exactly like the main one (same preload, same web preferences), on
// the Terminals page showing one server; the session itself lives in main.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'
import type { Logger } from '../core/logging/logger'
import type { PopOutOptions, WindowLike } from './console-embed'
import { mainWindowOptions } from './window'

export interface SshWindowDeps {
  readonly createWindow: (options: BrowserWindowConstructorOptions) => WindowLike
  readonly logger?: Pick<Logger, 'warn'>
}

/** The URL of a popped-out terminal: the same renderer, one server's terminal. */
export function sshPopOutUrl(entryUrl: string, serverKey: string): string {
  return `${entryUrl.replace(/#.*$/, '')}#/terminals?open=${encodeURIComponent(serverKey)}&popout=1`
}

export async function openSshWindow(serverKey: string, title: string, options: PopOutOptions, deps: SshWindowDeps): Promise<boolean> {
  const win = deps.createWindow({ ...mainWindowOptions(options.preloadPath, options.iconPath), title, width: 960, height: 640, minWidth: 480, minHeight: 320 })
  win.once('ready-to-show', () => win.show())
  try {
    await win.loadURL(sshPopOutUrl(options.entryUrl, serverKey))
    return true
  } catch {
    deps.logger?.warn('ssh window failed to load')
    return false
  }
}

/** The hook main-process.ts hands to the core (`AppCoreOptions.ssh.openWindow`). */
export function createSshWindowOpener(
  options: PopOutOptions & { logger?: Pick<Logger, 'warn'> },
  deps: SshWindowDeps = { createWindow: (o) => new BrowserWindow(o), ...(options.logger ? { logger: options.logger } : {}) }
): (serverKey: string, title: string) => Promise<boolean> {
  return (serverKey, title) => openSshWindow(serverKey, title, options, deps)
}
