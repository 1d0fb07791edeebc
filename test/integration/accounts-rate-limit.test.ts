// Issue 11.6: adding an elizon account whose first call gets 429 with
// Retry-After. Main answers at once with rate-limited and the provider's wait
// (never a hard failure, nothing saved); the add dialog waits that long in view
// and asks again (useRateLimitWait, renderer test), which succeeds. Through main's
// real core, the real keychain and the simulator's "429 on the first call".
import { afterEach, describe, expect, it } from 'vitest'
import type { AccountSaveResult } from '../../src-main/shared/contract'
import { startElizonSimulator, type ElizonSimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'

let sim: ElizonSimulator | undefined
let fx: CoreFixture | undefined
afterEach(async () => {
  await fx?.cleanup()
  await sim?.close()
  fx = undefined
  sim = undefined
})

describe('adding an elizon account under a 429 (11.6)', () => {
  it('first call 429 (Retry-After 1): rate-limited with the wait; after it, the same add succeeds — 2 requests in all', async () => {
    sim = await startElizonSimulator({ seed: 3, accounts: 1, serversPerAccount: 4 })
    fx = await makeCoreFixture({ refreshOnStart: false })
    sim.inject({ kind: 'rate-limit', times: 1, retryAfterSec: 1, path: '/api/services' })
    const input = { provider: 'elizon', label: 'Rate limited', colour: '#3366cc', baseUrl: sim.url, credential: sim.accounts[0]!.credential }

    const first = unwrap(await fx.dispatch('accounts.add', input)) as AccountSaveResult
    expect(first.account).toBeNull()
    expect(first.verify).toMatchObject({ outcome: 'rate-limited', ok: false, retryAfterSec: 1 })
    expect(unwrap(await fx.dispatch('accounts.list', undefined))).toEqual([])

    // What the dialog does: wait the provider's seconds, then send the same add again.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const second = unwrap(await fx.dispatch('accounts.add', input)) as AccountSaveResult
    expect(second.verify).toMatchObject({ outcome: 'signed-in', ok: true, serverCount: 4 })
    expect(second.account?.label).toBe('Rate limited')

    const verifyCalls = sim.requests.filter((r) => r.path === '/api/services' && new URLSearchParams(r.query).get('limit') === '1')
    expect(verifyCalls.map((r) => r.status)).toEqual([429, 200])
  })
})
