// The re-sign-in helper: after expiry, a renewed session works and the old one stays dead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAluySimulator, type AluySimulator } from './index'

let sim: AluySimulator
beforeAll(async () => {
  sim = await startAluySimulator({ seed: 3, accounts: 1, serversPerAccount: 1 })
})
afterAll(() => sim.close())

function services(token: string): Promise<number> {
  return fetch(`${sim.url}/services`, { headers: { cookie: `__Secure-next-auth.session-token=${token}` } }).then((r) => r.status)
}

describe('aluy simulator renewSession', () => {
  it('issues a new token for the same account after expiry; the old token stays refused', async () => {
    const account = sim.accounts[0]!
    const old = account.credential
    sim.expireCredential(account.id)
    expect(await services(old)).toBe(403)
    const fresh = sim.state.renewSession(account.id)
    expect(fresh).not.toBe(old)
    expect(account.credential).toBe(fresh)
    expect(await services(fresh)).toBe(200)
    expect(await services(old)).toBe(403)
  })
})
