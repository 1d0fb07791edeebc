// Accounts through main's real core: the IPC dispatcher, the provider simulators
// over HTTP and the real Secret Service (gnome-keyring in CI).
import { readdir, readFile, writeFile, mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AccountSaveResult } from '../../src-main/shared/contract'
import type { Account, FleetSnapshot, VerifyResult } from '../../src-main/shared/domain'
import { startElizonSimulator, type Simulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { startSimulatorPair, type SimulatorPair } from '../support/simulator-pair'

let sims: SimulatorPair
let aluy: Simulator
let elizon: Simulator
let fx: CoreFixture

beforeAll(async () => {
  sims = await startSimulatorPair({ seed: 7, accounts: 2, serversPerAccount: 6 }, { seed: 7, accounts: 2, serversPerAccount: 4 })
  aluy = sims.aluy
  elizon = sims.elizon
})
afterAll(() => sims?.close())
beforeEach(async () => {
  fx = await makeCoreFixture()
})
afterEach(async () => {
  sims.clearFaults()
  await fx.cleanup()
})

function aluyInput(credential: string, extra: Record<string, unknown> = {}) {
  return { provider: 'aluy', label: 'Acme aluy', colour: '#3366cc', baseUrl: aluy.url, credential, ...extra }
}
function elizonInput(credential: string, extra: Record<string, unknown> = {}) {
  return { provider: 'elizon', label: 'Beta elizon', colour: '#cc6633', baseUrl: elizon.url, credential, ...extra }
}
async function add(input: Record<string, unknown>): Promise<AccountSaveResult> {
  return unwrap(await fx.dispatch('accounts.add', input)) as AccountSaveResult
}

describe('adding accounts', () => {
  it('checks an aluy cookie before saving and stores only the session token in the keychain', async () => {
    const token = aluy.accounts[0]!.credential
    const pasted = `Cookie: theme=dark; __Secure-next-auth.session-token=${token}; other=1`
    const result = await add(aluyInput(pasted))
    expect(result.verify?.outcome).toBe('signed-in')
    expect(typeof result.verify?.balanceCents).toBe('number')
    expect(result.verify?.billingMode).toMatch(/PREPAID|POSTPAID/)
    const account = result.account!
    expect(await fx.secrets.get(account.id)).toBe(token)
    const file = await readFile(join(fx.userDataDir, 'accounts.json'), 'utf8')
    expect(file).toContain(account.id)
    expect(file).not.toContain(token)
  })

  it('does not save an account whose check fails, and says why in words', async () => {
    const result = await add(aluyInput('not-a-real-session-token-value'))
    expect(result.account).toBeNull()
    expect(result.verify?.outcome).toBe('session-expired')
    expect(unwrap(await fx.dispatch('accounts.list', undefined))).toEqual([])
    expect(await fx.secrets.list()).toEqual([])
  })

  it('tells a non-reseller session apart from an expired one', async () => {
    const customer = aluy.addAccount({ reseller: false })
    const verify = unwrap(await fx.dispatch('accounts.verify', { provider: 'aluy', baseUrl: aluy.url, credential: customer.credential })) as VerifyResult
    expect(verify.outcome).toBe('not-reseller')
  })

  it('reports a rejected elizon API key, then accepts the right one with its server count', async () => {
    const wrong = await add(elizonInput('ek_wrong_key_000000'))
    expect(wrong.verify?.outcome).toBe('api-key-rejected')
    const right = await add(elizonInput(elizon.accounts[0]!.credential))
    expect(right.verify?.outcome).toBe('signed-in')
    expect(right.verify?.serverCount).toBe(4)
  })

  it('says "cannot reach host" for a closed port and can save anyway on request', async () => {
    const input = aluyInput(aluy.accounts[0]!.credential, { baseUrl: 'http://127.0.0.1:9/api/reseller/v1' })
    const refused = await add(input)
    expect(refused.verify?.outcome).toBe('unreachable')
    expect(refused.account).toBeNull()
    const forced = await add({ ...input, saveUnverified: true })
    expect(forced.account?.baseUrl).toBe('http://127.0.0.1:9/api/reseller/v1')
  })

  it('rejects malformed input at the IPC boundary', async () => {
    const bad = await fx.dispatch('accounts.add', { provider: 'aluy', label: '', colour: 'red', credential: '' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.error.code).toBe('validation')
      expect(bad.error.issues?.join(' ')).toMatch(/label/)
    }
  })
})

describe('editing and removing', () => {
  it('updates the label without touching the credential, and verifies a new credential', async () => {
    const { account } = await add(aluyInput(aluy.accounts[0]!.credential))
    const renamed = unwrap(await fx.dispatch('accounts.update', { id: account!.id, label: 'Renamed' })) as AccountSaveResult
    expect(renamed.account?.label).toBe('Renamed')
    expect(renamed.verify).toBeNull()
    const badCred = unwrap(await fx.dispatch('accounts.update', { id: account!.id, credential: 'expired-token-xyz' })) as AccountSaveResult
    expect(badCred.account).toBeNull()
    expect(await fx.secrets.get(account!.id)).toBe(aluy.accounts[0]!.credential)
    const newCred = unwrap(await fx.dispatch('accounts.update', { id: account!.id, credential: aluy.accounts[1]!.credential })) as AccountSaveResult
    expect(newCred.verify?.outcome).toBe('signed-in')
    expect(await fx.secrets.get(account!.id)).toBe(aluy.accounts[1]!.credential)
  })

  it('removes the keychain entry and the cached fleet with the account', async () => {
    const { account } = await add(elizonInput(elizon.accounts[0]!.credential))
    unwrap(await fx.dispatch('fleet.refresh', { accountIds: [account!.id] }))
    const cacheDir = join(fx.userDataDir, 'cache', account!.id)
    expect((await stat(join(cacheDir, 'fleet.json'))).isFile()).toBe(true)
    unwrap(await fx.dispatch('accounts.remove', { id: account!.id }))
    expect(await fx.secrets.get(account!.id)).toBeNull()
    await expect(stat(cacheDir)).rejects.toThrow()
    const snapshot = unwrap(await fx.dispatch('fleet.get', undefined)) as FleetSnapshot
    expect(snapshot.servers.filter((s) => s.accountId === account!.id)).toEqual([])
  })

  it('does not bring back the cache of an account removed while its first refresh is loading', async () => {
    elizon.setLatency(150)
    try {
      // Adding starts a refresh in the background; the account goes before it returns.
      const { account } = await add(elizonInput(elizon.accounts[0]!.credential))
      unwrap(await fx.dispatch('accounts.remove', { id: account!.id }))
      await sleep(400)
      await expect(stat(join(fx.userDataDir, 'cache', account!.id))).rejects.toThrow()
    } finally {
      elizon.setLatency(0)
    }
  })

  it('removes an account whose provider has stopped answering by stopping its refresh, not waiting it out', async () => {
    const { account } = await add(elizonInput(elizon.accounts[0]!.credential))
    await fx.dispatch('fleet.refresh', { accountIds: [account!.id] })
    const before = elizon.requests.length
    elizon.inject({ kind: 'hang', path: '/api/services', times: Infinity })
    const refreshing = fx.dispatch('fleet.refresh', { accountIds: [account!.id] })
    await sleep(50)
    unwrap(await fx.dispatch('accounts.remove', { id: account!.id }))
    expect(unwrap(await refreshing)).toMatchObject({ servers: [] })
    // One hung list call, stopped: waiting it out would have timed out and retried it three times.
    expect(elizon.requests.slice(before).filter((r) => r.path === '/api/services')).toHaveLength(1)
    await expect(stat(join(fx.userDataDir, 'cache', account!.id))).rejects.toThrow()
  })
})

describe('shutting down', () => {
  it('stops a refresh in flight, and nothing is written to userData once the core is gone', async () => {
    elizon.setLatency(150)
    try {
      const { account } = await add(elizonInput(elizon.accounts[0]!.credential))
      // The background refresh started by adding is still waiting on the provider.
      await fx.core.dispose()
      await sleep(400)
      await expect(stat(join(fx.userDataDir, 'cache', account!.id))).rejects.toThrow()
    } finally {
      elizon.setLatency(0)
    }
  })
})

describe('files on disk', () => {
  it('sets a corrupt accounts.json aside with a visible warning instead of emptying it', async () => {
    await writeFile(join(fx.userDataDir, 'accounts.json'), '{"version":1,"accounts":[{"id":')
    await fx.restart()
    const info = unwrap(await fx.dispatch('app.info', undefined)) as { warnings: { code: string; path?: string }[] }
    expect(info.warnings[0]?.code).toBe('accounts-file-corrupt')
    const kept = await readFile(info.warnings[0]!.path!, 'utf8')
    expect(kept).toBe('{"version":1,"accounts":[{"id":')
  })

  it('writes no credential to the log, the cache or accounts.json', async () => {
    const token = aluy.accounts[0]!.credential
    const key = elizon.accounts[0]!.credential
    await add(aluyInput(`__Secure-next-auth.session-token=${token}`))
    await add(elizonInput(key))
    elizon.inject({ kind: '5xx', times: 10 })
    unwrap(await fx.dispatch('fleet.refresh', undefined))
    await fx.logger.flush()
    const files = await listFiles(fx.userDataDir)
    expect(files.length).toBeGreaterThan(2)
    for (const f of files) {
      const text = await readFile(f, 'utf8')
      expect(text, f).not.toContain(token)
      expect(text, f).not.toContain(key)
    }
  })
})

describe('the fleet', () => {
  it('lists every server of every account and keeps one failing account from hiding the others', async () => {
    const a = (await add(aluyInput(aluy.accounts[0]!.credential))).account as Account
    const e = (await add(elizonInput(elizon.accounts[0]!.credential))).account as Account
    let snapshot = unwrap(await fx.dispatch('fleet.refresh', undefined)) as FleetSnapshot
    expect(snapshot.servers.filter((s) => s.accountId === a.id)).toHaveLength(6)
    expect(snapshot.servers.filter((s) => s.accountId === e.id)).toHaveLength(4)

    aluy.expireCredential(aluy.accounts[0]!.id)
    snapshot = unwrap(await fx.dispatch('fleet.refresh', undefined)) as FleetSnapshot
    const health = Object.fromEntries(snapshot.health.map((h) => [h.accountId, h]))
    expect(health[a.id]?.state).toBe('needs-sign-in')
    expect(health[e.id]?.state).toBe('ok')
    // The expired account keeps its last good list, marked by when it was fetched.
    expect(snapshot.servers.filter((s) => s.accountId === a.id)).toHaveLength(6)
    expect(health[a.id]?.lastUpdatedAt).toBeTruthy()
  })

  it('shows the cached fleet after a restart with the providers gone', async () => {
    const sim = await startElizonSimulator({ seed: 3, accounts: 1, serversPerAccount: 3 })
    const { account } = await add({ ...elizonInput(sim.accounts[0]!.credential), baseUrl: sim.url })
    unwrap(await fx.dispatch('fleet.refresh', undefined))
    await sim.close()
    await fx.restart()
    let snapshot = unwrap(await fx.dispatch('fleet.get', undefined)) as FleetSnapshot
    expect(snapshot.servers.filter((s) => s.accountId === account!.id)).toHaveLength(3)
    snapshot = unwrap(await fx.dispatch('fleet.refresh', undefined)) as FleetSnapshot
    const health = snapshot.health.find((h) => h.accountId === account!.id)
    expect(health?.state).toBe('offline')
    expect(health?.lastUpdatedAt).toBeTruthy()
    expect(snapshot.servers.filter((s) => s.accountId === account!.id)).toHaveLength(3)
  })

  it('sets a corrupt fleet cache aside and rebuilds it on the next refresh', async () => {
    const { account } = await add(elizonInput(elizon.accounts[1]!.credential))
    unwrap(await fx.dispatch('fleet.refresh', undefined))
    const cacheFile = join(fx.userDataDir, 'cache', account!.id, 'fleet.json')
    await writeFile(cacheFile, '<html>not json</html>')
    await fx.restart()
    const cached = unwrap(await fx.dispatch('fleet.get', undefined)) as FleetSnapshot
    expect(cached.servers).toEqual([])
    const fresh = unwrap(await fx.dispatch('fleet.refresh', undefined)) as FleetSnapshot
    expect(fresh.servers.length).toBe(4)
    const names = await readdir(join(fx.userDataDir, 'cache', account!.id))
    expect(names.some((n) => n.startsWith('fleet.json.corrupt-'))).toBe(true)
  })
})

async function listFiles(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await listFiles(p)))
    else out.push(p)
  }
  return out
}
