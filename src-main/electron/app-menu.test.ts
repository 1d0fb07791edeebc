import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { appMenuTemplate, installAppMenu } from './app-menu'

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((i) => [i.role ?? '', ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]).filter(Boolean)
}

describe('the application menu', () => {
  it('offers no DevTools and no reload in packaged builds', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const all = roles(appMenuTemplate(platform)).map((r) => r.toLowerCase())
      expect(all).not.toContain('toggledevtools')
      expect(all).not.toContain('reload')
      expect(all).not.toContain('forcereload')
      expect(all).toContain('editmenu')
    }
    expect(roles(appMenuTemplate('darwin'))).toContain('appMenu')
    expect(roles(appMenuTemplate('linux'))).not.toContain('appMenu')
  })

  it('is installed only in packaged builds', () => {
    const menu = { buildFromTemplate: vi.fn((t: MenuItemConstructorOptions[]) => t), setApplicationMenu: vi.fn() }
    expect(installAppMenu(menu, { isPackaged: false, platform: 'linux' })).toBe(false)
    expect(menu.setApplicationMenu).not.toHaveBeenCalled()
    expect(installAppMenu(menu, { isPackaged: true, platform: 'linux' })).toBe(true)
    expect(menu.setApplicationMenu).toHaveBeenCalledWith(appMenuTemplate('linux'))
  })
})
