// Attack: hard kills while a state file is being written (issue 10, item 11).
// The file must always be the old or the new valid JSON, and the temp files an
// interrupted write leaves behind must be gone after the next start — only
// ours: a user's own *.tmp file in userData stays.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppCore } from '../../src-main/core/app-core'
import { freshUserData, startCoreOn } from './support/state-core'

const WRITER = join(import.meta.dirname, 'support', 'write-loop.ts')
let core: AppCore | null = null
let dir = ''

afterEach(async () => {
  await core?.dispose()
  core = null
  await rm(dir, { recursive: true, force: true })
})

async function killMidWrite(path: string, afterMs: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })
  await once(lines, 'line')
  await new Promise((ok) => setTimeout(ok, afterMs))
  const exited = once(child, 'exit')
  child.kill('SIGKILL')
  await exited
}

describe('kills during writes', () => {
  it('leave old-or-new valid JSON, and our temp leftovers are removed at the next start', async () => {
    dir = await freshUserData()
    const settings = join(dir, 'settings.json')
    let leftovers = 0
    await writeFile(settings, JSON.stringify({ locale: 'en', theme: 'light' }))
    for (let i = 0; i < 8; i++) {
      await killMidWrite(settings, 20 + ((i * 37) % 80))
      const parsed = JSON.parse(await readFile(settings, 'utf8')) as { theme: string }
      expect(['dark', 'light']).toContain(parsed.theme)
      leftovers += (await readdir(dir)).filter((n) => n.endsWith('.tmp')).length - leftovers
    }
    // Reported, not asserted: how many kills landed between open and rename is up to the scheduler.
    console.info(`temp leftovers after 8 kills: ${leftovers}`)
    // One leftover of our own pattern for certain (a kill may also have left some),
    // one in an account's cache folder, and a user's file that merely ends in .tmp.
    await writeFile(join(dir, '.settings.json.0123456789ab.tmp'), '{"half":')
    await writeFile(join(dir, 'notes.tmp'), 'mine')
    await mkdir(join(dir, 'cache', 'acc_x', 'invoices'), { recursive: true })
    await writeFile(join(dir, 'cache', 'acc_x', 'invoices', '.index.enc.abcdef012345.tmp'), 'x')
    core = await startCoreOn(dir)
    const left = (await readdir(dir)).filter((n) => n.endsWith('.tmp'))
    expect(left).toEqual(['notes.tmp'])
    expect(await readdir(join(dir, 'cache', 'acc_x', 'invoices'))).toEqual([])
    expect(['dark', 'light']).toContain((await core.handlers['settings.get'](undefined as never)).theme)
  }, 120_000)
})
