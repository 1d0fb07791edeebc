// The save dialog's options and the write that follows, with Electron's dialog
// replaced at its API surface by one that "chooses" a file in a temp folder.
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSaveFile, saveDialogOptions } from './save-dialog'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flotilla-save-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A dialog that records how it was called and answers `choice` (null = Cancel). */
function fakeDialog(choice: () => string | null) {
  const calls: unknown[][] = []
  const dialog = {
    showSaveDialog: async (...args: unknown[]) => {
      calls.push(args)
      const chosen = choice()
      return chosen === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: chosen }
    }
  } as unknown as Pick<Dialog, 'showSaveDialog'>
  return { dialog, calls }
}

describe('saveDialogOptions', () => {
  it('asks before overwriting (GTK would not), offers the kind as filter and only the base name', () => {
    expect(saveDialogOptions('/home/u/Downloads', '../../etc/INV-7.pdf', 'pdf')).toEqual({
      defaultPath: join('/home/u/Downloads', 'INV-7.pdf'),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      properties: ['showOverwriteConfirmation', 'createDirectory']
    })
  })
})

describe('createSaveFile', () => {
  it('without a window opens an unparented dialog, and Cancel writes nothing', async () => {
    const { dialog, calls } = fakeDialog(() => null)
    const save = createSaveFile({ dialog: () => dialog, window: () => undefined, defaultDir: () => dir })
    expect(await save('a.csv', new TextEncoder().encode('x'), 'csv')).toBeNull()
    expect(calls).toHaveLength(1)
    expect(calls[0]).toHaveLength(1)
    expect((calls[0]![0] as SaveDialogOptions).defaultPath).toBe(join(dir, 'a.csv'))
    expect(await readdir(dir)).toEqual([])
  })

  it('parents the dialog to the window when there is one', async () => {
    const win = { id: 1 } as unknown as BrowserWindow
    const { dialog, calls } = fakeDialog(() => null)
    await createSaveFile({ dialog: () => dialog, window: () => win, defaultDir: () => dir })('a.pdf', new Uint8Array(), 'pdf')
    expect(calls[0]![0]).toBe(win)
  })

  it('replaces a file the user chose to overwrite, leaving no temp file behind', async () => {
    const target = join(dir, 'invoices.csv')
    await writeFile(target, 'old')
    const { dialog } = fakeDialog(() => target)
    const save = createSaveFile({ dialog: () => dialog, window: () => undefined, defaultDir: () => dir })
    expect(await save('invoices.csv', new TextEncoder().encode('new'), 'csv')).toBe(target)
    expect(await readFile(target, 'utf8')).toBe('new')
    expect(await readdir(dir)).toEqual(['invoices.csv'])
  })

  it('writes a private key readable by the owner only', async () => {
    const target = join(dir, 'id_ed25519')
    const { dialog } = fakeDialog(() => target)
    await createSaveFile({ dialog: () => dialog, window: () => undefined, defaultDir: () => dir })('id_ed25519', new TextEncoder().encode('k'), 'private-key')
    expect((await stat(target)).mode & 0o777).toBe(0o600)
  })
})
