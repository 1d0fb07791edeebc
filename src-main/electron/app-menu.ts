// The application menu. Packaged builds get a menu without DevTools or reload:
// DevTools in a shipped app would let anyone with the window open read what the
// renderer holds (a console ticket, an invoice) and call window.flotilla by hand.
// Unpackaged builds keep Electron's default menu for development.
import type { MenuItemConstructorOptions } from 'electron'

export function appMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      role: 'viewMenu',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }]
    },
    { role: 'windowMenu' }
  ]
}

export interface MenuApi {
  buildFromTemplate(template: MenuItemConstructorOptions[]): unknown
  setApplicationMenu(menu: never): void
}

/** Installs the shipped menu in packaged builds; returns whether it did. */
export function installAppMenu(menu: MenuApi, opts: { isPackaged: boolean; platform: NodeJS.Platform }): boolean {
  if (!opts.isPackaged) return false
  menu.setApplicationMenu(menu.buildFromTemplate(appMenuTemplate(opts.platform)) as never)
  return true
}
