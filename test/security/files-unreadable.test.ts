// Attack: state files in userData that cannot be read as files (issue 10, items
// 6 and 10). The app must start, set the thing aside where it can, and tell
// the user which file it was and what was reset.
//
// Why no chmod 000: the tests run as root here, and root reads a mode-000 file
// anyway, so "no permission" cannot be produced that way. A directory in the
// file's place (EISDIR), a FIFO (a plain read would block start-up forever) and
// a symlink loop (ELOOP) are unreadable for root too, and take the same path
// through the code as EACCES does (any open/read error other than ENOENT).
import { execFileSync } from 'node:child_process'
import { mkdir, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppCore } from '../../src-main/core/app-core'
import { freshUserData, startCoreOn, startupWarnings } from './support/state-core'

let core: AppCore | null = null
let dir = ''

afterEach(async () => {
  await core?.dispose()
  core = null
  await rm(dir, { recursive: true, force: true })
})

describe.each([
  ['accounts.json', 'accounts-file-corrupt'],
  ['settings.json', 'settings-file-corrupt']
])('%s that is not a readable file', (file, code) => {
  it('a directory in its place: the app starts, the directory is set aside, the user is told', async () => {
    dir = await freshUserData()
    await mkdir(join(dir, file, 'inner'), { recursive: true })
    core = await startCoreOn(dir)
    const warning = (await startupWarnings(core)).find((w) => w.code === code)
    expect(warning?.path).toMatch(new RegExp(`${file.replace('.', '\\.')}\\.unreadable-`))
    expect((await stat(warning!.path!)).isDirectory()).toBe(true)
    expect((await readdir(dir)).includes(file)).toBe(false)
    // The app works afterwards: a settings change is saved in a real file.
    await core.handlers['settings.set']({ theme: 'dark' })
    expect((await core.handlers['settings.get'](undefined as never)).theme).toBe('dark')
  })

  it('a FIFO in its place: start-up does not hang on it', async () => {
    dir = await freshUserData()
    execFileSync('mkfifo', [join(dir, file)])
    core = await startCoreOn(dir)
    const warning = (await startupWarnings(core)).find((w) => w.code === code)
    expect(warning?.message).toContain(file)
    expect(warning?.path).toBeDefined()
  })

  it('a symlink loop in its place: the app starts and says so', async () => {
    dir = await freshUserData()
    await symlink(join(dir, 'loop-b'), join(dir, file))
    await symlink(join(dir, file), join(dir, 'loop-b'))
    core = await startCoreOn(dir)
    const warning = (await startupWarnings(core)).find((w) => w.code === code)
    expect(warning?.message).toContain('ELOOP')
  })
})

describe('state files whose damage used to reset things silently', () => {
  it.each([
    ['server-meta.json', 'server-meta-reset', 'tags, notes and favourites'],
    ['fleet-live.json', 'live-interval-reset', 'refresh interval'],
    ['invoice-sync.json', 'invoice-sync-reset', 'Keep invoices offline']
  ])('a corrupt %s is set aside and named in a warning that says what was reset', async (file, code, what) => {
    dir = await freshUserData()
    await writeFile(join(dir, file), '{"version": 1, "trunc')
    core = await startCoreOn(dir)
    const warning = (await startupWarnings(core)).find((w) => w.code === code)
    expect(warning?.message).toContain(file)
    expect(warning?.message).toContain(what)
    expect(warning?.path).toMatch(/\.corrupt-/)
    expect((await readdir(dir)).includes(file)).toBe(false)
  })
})
