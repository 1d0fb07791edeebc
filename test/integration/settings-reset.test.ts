// "Reset local data" through the real core: the reset waits for the next start,
// then the cached server lists and the activity log are gone and read again,
// while the accounts (and their keychain entries), settings and local tags stay;
// a withdrawn request changes nothing.
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addDemoAccounts } from '../harness/demo-accounts'
import { startAluySimulator, type AluySimulator } from '../simulators/index'
import { makeCoreFixture, type CoreFixture } from '../support/core-fixture'

let fx: CoreFixture
let aluy: AluySimulator

beforeEach(async () => {
  aluy = await startAluySimulator({ seed: 7, accounts: 1, serversPerAccount: 3 })
  fx = await makeCoreFixture()
  await addDemoAccounts(fx.core.handlers, aluy)
})
afterEach(async () => {
  await fx.cleanup()
  await aluy.close()
})

const exists = (p: string) => stat(p).then(() => true, () => false)

async function cachedFiles(): Promise<string[]> {
  return (await readdir(join(fx.userDataDir, 'cache'), { recursive: true }).catch(() => [])).map(String)
}

describe('reset local data', () => {
  it('is carried out at the next start: caches and activity go, accounts, settings and tags stay', async () => {
    const snapshot = await fx.core.handlers['fleet.refresh'](undefined)
    const key = snapshot.servers[0]!.key
    await fx.core.handlers['servers.setMeta']({ keys: [key], addTags: ['keep-me'] })
    await fx.core.handlers['settings.set']({ theme: 'dark' })
    await fx.core.handlers['servers.action']({ key, action: 'rename', params: { label: 'renamed-before-reset' } })
    expect((await cachedFiles()).some((f) => f.endsWith('fleet.json'))).toBe(true)
    expect(await exists(join(fx.userDataDir, 'activity.jsonl'))).toBe(true)

    expect((await fx.core.handlers['settings.requestReset']({ requested: true }))).toEqual({ pending: true })
    // Nothing is removed while the app runs.
    expect((await cachedFiles()).some((f) => f.endsWith('fleet.json'))).toBe(true)
    expect((await fx.core.handlers['app.info'](undefined)).resetPending).toBe(true)

    await fx.restart()
    const info = (await fx.core.handlers['app.info'](undefined))
    expect(info.resetPending).toBe(false)
    expect(info.warnings.map((w) => w.code)).toContain('local-data-reset')
    expect(await cachedFiles()).toEqual([])
    expect(await exists(join(fx.userDataDir, 'activity.jsonl'))).toBe(false)
    expect((await fx.core.handlers['fleet.get'](undefined)).servers).toEqual([])
    // Kept: the account and its credential, the settings, the tags.
    expect((await fx.core.handlers['accounts.list'](undefined))).toHaveLength(1)
    expect((await fx.core.handlers['settings.get'](undefined)).theme).toBe('dark')
    expect((await fx.core.handlers['servers.meta'](undefined))[key]?.tags).toEqual(['keep-me'])
    // And the servers are read again from the provider.
    expect((await fx.core.handlers['fleet.refresh'](undefined)).servers.length).toBe(snapshot.servers.length)
  })

  it('withdrawn, it removes nothing', async () => {
    await fx.core.handlers['fleet.refresh'](undefined)
    await fx.core.handlers['settings.requestReset']({ requested: true })
    expect((await fx.core.handlers['settings.requestReset']({ requested: false }))).toEqual({ pending: false })
    await fx.restart()
    expect((await cachedFiles()).some((f) => f.endsWith('fleet.json'))).toBe(true)
    expect((await fx.core.handlers['app.info'](undefined)).warnings.map((w) => w.code)).not.toContain('local-data-reset')
  })
})
