// Issue 16, planted bug 2: secrets main handles must never reach the log file,
// even when a provider echoes them back. Each test DRIVES the real core (over
// HTTP against the simulators, real keychain) into logging the very text that
// carries the secret — a provider error that repeats the API key, a failed
// verify whose refresh then fails in the same words, a provider echoing a
// private key it generated — and then reads the log, which must exist and must
// hold the logged line (so a log that was never written cannot pass).
import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountSaveResult } from '../../src-main/shared/contract'
import type { GeneratedKey } from '../../src-main/shared/contracts/ssh-keys'
import { startElizonSimulator, type ElizonSimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { addAccount } from './fleet-support'

let elizon: ElizonSimulator
let fx: CoreFixture

beforeEach(async () => {
  elizon = await startElizonSimulator({ seed: 162, accounts: 1, serversPerAccount: 2, invoicesPerAccount: 1 })
  fx = await makeCoreFixture()
})
afterEach(async () => {
  await fx.cleanup()
  await elizon.close()
})

/** The log as written; a missing file fails the test (it is not an empty log). */
async function logText(): Promise<string> {
  await fx.logger.flush()
  return readFile(fx.logFile, 'utf8')
}

/** A provider that repeats what it was sent in its error text, on every services list. */
function echoOnServicesList(message: string, status = 500): void {
  elizon.inject({ kind: '5xx', status, message, path: '/api/services', method: 'GET', times: Infinity })
}

async function refresh(): Promise<void> {
  await fx.dispatch('fleet.refresh', undefined)
}

describe('the log never holds a secret, even when a provider echoes it', () => {
  it('an API key the provider repeats in its error is scrubbed from the logged failure', async () => {
    const apiKey = elizon.accounts[0]!.credential
    const account = await addAccount(fx, elizon, 0)
    await refresh() // the refresh adding started, settled before the provider starts failing
    echoOnServicesList(`backend rejected key ${apiKey} for this request`)
    await refresh()
    const log = await logText()
    const line = log.split('\n').find((l) => l.includes('fleet refresh failed') && l.includes(account.id))
    expect(line, 'the failed refresh was logged').toBeDefined()
    expect(line).toContain('backend rejected key [redacted] for this request')
    expect(log).not.toContain(apiKey)
  })

  it('a failed verify saved anyway: the key echoed by the provider on the next refresh is scrubbed', async () => {
    const wrongKey = `ek_live_${'9'.repeat(8)}not-a-known-key`
    elizon.inject({ kind: '5xx', status: 401, message: `API key ${wrongKey} is not valid`, times: Infinity })
    const saved = unwrap(
      await fx.dispatch('accounts.add', { provider: 'elizon', label: 'typo', colour: '#3366cc', baseUrl: elizon.url, credential: wrongKey, saveUnverified: true })
    ) as AccountSaveResult
    expect(saved.verify?.ok).toBe(false)
    await refresh()
    const log = await logText()
    expect(log).toContain('"msg":"account added"')
    const line = log.split('\n').find((l) => l.includes('fleet refresh failed'))
    expect(line, 'the failed refresh was logged').toBeDefined()
    expect(line).toContain('API key [redacted] is not valid')
    expect(log).not.toContain(wrongKey)
  })

  it('a generated private key the provider later echoes (whitespace flattened, as error text is) is scrubbed', async () => {
    const account = await addAccount(fx, elizon, 0)
    await refresh()
    const generated = unwrap(await fx.dispatch('sshKeys.generate', { accountId: account.id, name: 'echoed' })) as GeneratedKey
    const body = generated.privateKey.split('\n').filter((l) => l.length > 0 && !l.startsWith('-----'))
    expect(body.length).toBeGreaterThan(0)
    echoOnServicesList(`cannot parse ${generated.privateKey}`)
    await refresh()
    const log = await logText()
    const line = log.split('\n').find((l) => l.includes('fleet refresh failed') && l.includes(account.id))
    expect(line, 'the failed refresh was logged').toBeDefined()
    expect(line).toContain('cannot parse')
    expect(line).toContain('[redacted]')
    for (const secretLine of body) expect(log).not.toContain(secretLine)
  })
})
