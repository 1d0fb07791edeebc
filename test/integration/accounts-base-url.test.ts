// A new base URL never receives the stored credential unasked (issue 10, item 5):
// moving an account to another origin needs the credential pasted again, and
// plain http is refused except to this computer. The simulator is reached as
// 127.0.0.1 and as localhost — two origins, one server — so the test can count
// what the "new host" received.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AccountSaveResult } from '../../src-main/shared/contract'
import { startElizonSimulator, type Simulator } from '../simulators/index'
import { fails, makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'

let elizon: Simulator
let fx: CoreFixture

beforeAll(async () => {
  elizon = await startElizonSimulator({ seed: 5, accounts: 1, serversPerAccount: 2 })
})
afterAll(() => elizon?.close())
beforeEach(async () => {
  fx = await makeCoreFixture()
})
afterEach(() => fx.cleanup())

async function addAccount(): Promise<string> {
  const input = { provider: 'elizon', label: 'Beta', colour: '#cc6633', baseUrl: elizon.url, credential: elizon.accounts[0]!.credential }
  const saved = unwrap(await fx.dispatch('accounts.add', input)) as AccountSaveResult
  return saved.account!.id
}

describe('changing an account base URL', () => {
  it('to another host without the credential: refused, naming the host, and nothing is sent there', async () => {
    const id = await addAccount()
    const before = elizon.requests.length
    const moved = elizon.url.replace('127.0.0.1', 'localhost')
    const error = await fails(fx, 'accounts.update', { id, baseUrl: moved })
    expect(error.code).toBe('validation')
    expect(error.message).toContain(new URL(moved).host)
    expect(elizon.requests.length).toBe(before)
    expect((unwrap(await fx.dispatch('accounts.list', undefined)) as Array<{ baseUrl: string }>)[0]!.baseUrl).toBe(elizon.url)
  })

  it('to another host with the credential pasted again: checked there and saved', async () => {
    const id = await addAccount()
    const moved = elizon.url.replace('127.0.0.1', 'localhost')
    const saved = unwrap(await fx.dispatch('accounts.update', { id, baseUrl: moved, credential: elizon.accounts[0]!.credential })) as AccountSaveResult
    expect(saved.verify?.ok).toBe(true)
    expect(saved.account?.baseUrl).toBe(moved)
  })

  it('on the same host (another path): allowed without the credential', async () => {
    const id = await addAccount()
    const error = await fx.dispatch('accounts.update', { id, baseUrl: `${elizon.url}/` })
    expect(error.ok).toBe(true)
  })

  it('to plain http on another machine: refused before anything is sent', async () => {
    const before = elizon.requests.length
    const error = await fails(fx, 'accounts.verify', { provider: 'elizon', baseUrl: 'http://elizon.example/api', credential: elizon.accounts[0]!.credential })
    expect(error.code).toBe('validation')
    expect(elizon.requests.length).toBe(before)
  })
})
