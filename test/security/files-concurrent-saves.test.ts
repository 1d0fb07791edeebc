// Attack: two settings saves at once (issue 10, item 9). Each save used to
// compute its file from the same old settings, so the one renamed last dropped
// the other's change (20 of 20 tries).
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppCore } from '../../src-main/core/app-core'
import { freshUserData, startCoreOn } from './support/state-core'

let core: AppCore | null = null
let dir = ''

afterEach(async () => {
  await core?.dispose()
  core = null
  await rm(dir, { recursive: true, force: true })
})

describe('two settings saves at once', () => {
  it('keep both changes, in memory and on disk, 20 times out of 20', async () => {
    dir = await freshUserData()
    core = await startCoreOn(dir)
    const set = core.handlers['settings.set']
    let lost = 0
    for (let i = 0; i < 20; i++) {
      const theme = i % 2 === 0 ? 'dark' : 'light'
      const locale = i % 2 === 0 ? 'de' : 'en'
      await Promise.all([set({ theme }), set({ locale })])
      const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as { theme: string; locale: string }
      const inMemory = await core.handlers['settings.get'](undefined as never)
      if (onDisk.theme !== theme || onDisk.locale !== locale || inMemory.theme !== theme || inMemory.locale !== locale) lost++
    }
    expect(lost).toBe(0)
  })
})
