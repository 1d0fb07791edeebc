// Saving an invoice PDF or a CSV export where the user chooses: Electron's save
// dialog in main, then an atomic write. The renderer only ever names the file;
// the path comes from the dialog, never from the page.
import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { BrowserWindow, Dialog } from 'electron'

const FILTERS: Record<'pdf' | 'csv', { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF', extensions: ['pdf'] },
  csv: { name: 'CSV', extensions: ['csv'] }
}

export interface SaveDialogDeps {
  // Getters: Electron's dialog and paths are looked up when a save is asked for, not at start-up.
  readonly dialog: () => Pick<Dialog, 'showSaveDialog'>
  readonly window: () => BrowserWindow | undefined
  readonly defaultDir: () => string
}

export function createSaveFile(deps: SaveDialogDeps) {
  return async (suggestedName: string, bytes: Uint8Array, kind: 'pdf' | 'csv'): Promise<string | null> => {
    const options = { defaultPath: join(deps.defaultDir(), basename(suggestedName)), filters: [FILTERS[kind]] }
    const dialog = deps.dialog()
    const win = deps.window()
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
    if (result.canceled || !result.filePath) return null
    const tmp = join(dirname(result.filePath), `.${basename(result.filePath)}.${randomBytes(4).toString('hex')}.tmp`)
    try {
      await writeFile(tmp, bytes)
      await rename(tmp, result.filePath)
    } catch (error) {
      await rm(tmp, { force: true }).catch(() => undefined)
      throw error
    }
    return result.filePath
  }
}
