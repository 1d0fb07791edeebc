// Saving an invoice PDF, a CSV export or a generated SSH private key where the
// user chooses: Electron's save dialog in main, then an atomic write. The
// renderer only ever names the file; the path comes from the dialog, never from
// the page.
import { randomBytes } from 'node:crypto'
import { chmod, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron'
import type { SaveKind } from '../core/billing/billing-handlers'

const FILTERS: Record<SaveKind, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF', extensions: ['pdf'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  // Private keys have no extension by convention (id_ed25519).
  'private-key': { name: 'Private key', extensions: ['*'] }
}

/** ssh refuses a private key others can read; everything else gets the usual umask-filtered 0666. */
const MODES: Record<SaveKind, number> = { pdf: 0o666, csv: 0o666, 'private-key': 0o600 }

export interface SaveDialogDeps {
  // Getters: Electron's dialog and paths are looked up when a save is asked for, not at start-up.
  readonly dialog: () => Pick<Dialog, 'showSaveDialog'>
  readonly window: () => BrowserWindow | undefined
  readonly defaultDir: () => string
}

/**
 * GTK's save dialog replaces an existing file without asking unless told to ask
 * (Electron's `showOverwriteConfirmation`, Linux only); macOS and Windows always
 * ask. `createDirectory` is the macOS equivalent of the others' "New folder".
 */
export function saveDialogOptions(defaultDir: string, suggestedName: string, kind: SaveKind): SaveDialogOptions {
  return {
    defaultPath: join(defaultDir, basename(suggestedName)),
    filters: [FILTERS[kind]],
    properties: ['showOverwriteConfirmation', 'createDirectory']
  }
}

export function createSaveFile(deps: SaveDialogDeps) {
  return async (suggestedName: string, bytes: Uint8Array, kind: SaveKind): Promise<string | null> => {
    const options = saveDialogOptions(deps.defaultDir(), suggestedName, kind)
    const dialog = deps.dialog()
    const win = deps.window()
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
    if (result.canceled || !result.filePath) return null
    const tmp = join(dirname(result.filePath), `.${basename(result.filePath)}.${randomBytes(4).toString('hex')}.tmp`)
    try {
      // Created with its final mode, so the bytes are never readable by others even for a moment.
      await writeFile(tmp, bytes, { mode: MODES[kind], flag: 'wx' })
      if (kind === 'private-key') await chmod(tmp, MODES[kind]) // umask can only narrow, but say it exactly
      await rename(tmp, result.filePath)
    } catch (error) {
      await rm(tmp, { force: true }).catch(() => undefined)
      throw error
    }
    return result.filePath
  }
}
