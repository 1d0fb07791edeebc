// The SSH pop-out window with Electron faked at its API: hardened like the main
// window, loading the Terminals page for exactly one server.
import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindowConstructorOptions } from 'electron'

vi.mock('electron', () => ({ BrowserWindow: class {} }))

const { createSshWindowOpener, sshPopOutUrl } = await import('./ssh-window')
const { mainWindowOptions } = await import('./window')

function fakeWindows(failLoad = false) {
  const windows: Array<{ options: BrowserWindowConstructorOptions; loaded: string[]; once: Map<string, () => void>; shown: number }> = []
  const warnings: string[] = []
  const deps = {
    createWindow: (options: BrowserWindowConstructorOptions) => {
      const record = { options, loaded: [] as string[], once: new Map<string, () => void>(), shown: 0 }
      windows.push(record)
      return {
        webContents: { on: () => undefined, setWindowOpenHandler: () => undefined },
        loadURL: async (url: string) => {
          if (failLoad) throw new Error(`ERR_FAILED ${url}`)
          record.loaded.push(url)
        },
        once: (event: string, listener: () => void) => record.once.set(event, listener),
        show: () => void record.shown++
      }
    },
    logger: { warn: (msg: string) => void warnings.push(msg) }
  }
  return { deps, windows, warnings }
}

describe('the SSH pop-out window', () => {
  it('is hardened like the main window and shows one server’s terminal', async () => {
    const { deps, windows } = fakeWindows()
    const open = createSshWindowOpener({ preloadPath: '/p.cjs', entryUrl: 'app://flotilla/index.html#/fleet' }, deps)
    expect(await open('acc_abcdefgh:svc 1', 'SSH — web-1')).toBe(true)
    expect(windows[0]!.options.webPreferences).toEqual(mainWindowOptions('/p.cjs').webPreferences)
    expect(windows[0]!.options.title).toBe('SSH — web-1')
    expect(windows[0]!.loaded).toEqual(['app://flotilla/index.html#/terminals?open=acc_abcdefgh%3Asvc%201&popout=1'])
    expect(windows[0]!.shown).toBe(0)
    windows[0]!.once.get('ready-to-show')!()
    expect(windows[0]!.shown).toBe(1)
  })

  it('answers false and logs without the URL when the page does not load', async () => {
    const { deps, warnings } = fakeWindows(true)
    const open = createSshWindowOpener({ preloadPath: '/p.cjs', entryUrl: 'app://flotilla/index.html' }, deps)
    expect(await open('k:1', 't')).toBe(false)
    expect(warnings).toEqual(['ssh window failed to load'])
  })

  it('keeps the dev server origin and drops any old route', () => {
    expect(sshPopOutUrl('http://localhost:5173/#/billing', 'k')).toBe('http://localhost:5173/#/terminals?open=k&popout=1')
  })
})
