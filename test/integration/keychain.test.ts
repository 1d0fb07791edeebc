// The keychain: the real Secret Service (gnome-keyring under dbus-run-session in
// CI) and what happens when none is reachable.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-secret-store'

const run = promisify(execFile)
const store = new KeytarSecretStore({ service: `Flotilla-test-${randomBytes(4).toString('hex')}` })

afterEach(async () => {
  for (const id of await store.list()) await store.delete(id)
})

describe('KeytarSecretStore on the real Secret Service', () => {
  it('stores, reads, lists and deletes one entry per account id', async () => {
    await store.set('acc_aaaaaaaaaaaa', 'secret-one')
    await store.set('acc_bbbbbbbbbbbb', 'secret-two')
    expect(await store.get('acc_aaaaaaaaaaaa')).toBe('secret-one')
    expect((await store.list()).sort()).toEqual(['acc_aaaaaaaaaaaa', 'acc_bbbbbbbbbbbb'])
    expect(await store.delete('acc_aaaaaaaaaaaa')).toBe(true)
    expect(await store.get('acc_aaaaaaaaaaaa')).toBeNull()
    expect(await store.delete('acc_aaaaaaaaaaaa')).toBe(false)
  })

  it('overwrites an entry when a credential is replaced', async () => {
    await store.set('acc_cccccccccccc', 'old')
    await store.set('acc_cccccccccccc', 'new')
    expect(await store.get('acc_cccccccccccc')).toBe('new')
    expect(await store.list()).toEqual(['acc_cccccccccccc'])
  })
})

describe('with no keychain reachable', () => {
  it('fails to add an account with a clear message and writes nothing in plaintext', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/flotilla-bus', DISPLAY: '' }
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/integration/fixtures/add-without-keychain.ts'], {
      env,
      timeout: 60_000
    })
    const { result, accountsFileWritten } = JSON.parse(stdout.trim().split('\n').pop()!) as {
      result: { ok: boolean; error?: { code: string; message: string } }
      accountsFileWritten: boolean
    }
    expect(result.ok).toBe(false)
    expect(result.error?.code).toBe('keychain-unavailable')
    expect(result.error?.message).toMatch(/keychain/i)
    expect(accountsFileWritten).toBe(false)
  })
})

describe('with the keychain locked', () => {
  it('refuses to add an account in words, keeps the accounts it has, and says the keychain may be locked', async () => {
    // A keyring of its own: locking it must not lock the one the other tests use.
    const env = { ...process.env }
    delete env.FLOTILLA_KEYRING_READY
    const { stdout } = await run('bash', ['scripts/with-keyring.sh', process.execPath, '--import', 'tsx', 'test/integration/fixtures/locked-keychain.ts'], {
      env,
      timeout: 60_000
    })
    const out = JSON.parse(stdout.trim().split('\n').pop()!) as {
      first: boolean
      second: { ok: boolean; error?: { code: string; message: string } }
      health: { state: string; code?: string; message?: string }[]
      savedLabels: string[]
    }
    expect(out.first).toBe(true)
    expect(out.second.ok).toBe(false)
    expect(out.second.error?.code).toBe('keychain-locked')
    expect(out.second.error?.message).toMatch(/locked/)
    expect(out.savedLabels).toEqual(['Account 0'])
    expect(out.health).toHaveLength(1)
    expect(out.health[0]).toMatchObject({ state: 'needs-sign-in', code: 'credential-missing' })
    expect(out.health[0]?.message).toMatch(/locked/)
  })
})
