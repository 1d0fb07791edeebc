// SSH keys through main's real core against both simulators over HTTP: lists
// with fingerprints computed in main, add (validated before sending), delete
// (404 in words), elizon generate, and one key pushed to every account with one
// account failing, plus the fingerprint matrix.
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GeneratedKey, PushResult, SshKey, SshKeysOverview } from '../../src-main/shared/contracts/ssh-keys'
import type { Account } from '../../src-main/shared/domain'
import { startAluySimulator, startElizonSimulator, type AluySimulator, type ElizonSimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { fails, openSshPublicKey } from './commerce-support'
import { addAccount, requestsSince } from './fleet-support'

let aluy: AluySimulator
let elizon: ElizonSimulator
let fx: CoreFixture
let aluyA: Account
let aluyB: Account
let elizonAcc: Account

beforeAll(async () => {
  aluy = await startAluySimulator({ seed: 64, accounts: 2, serversPerAccount: 1, invoicesPerAccount: 1 })
  elizon = await startElizonSimulator({ seed: 64, accounts: 1, serversPerAccount: 1, invoicesPerAccount: 1 })
  fx = await makeCoreFixture()
  aluyA = await addAccount(fx, aluy, 0)
  aluyB = await addAccount(fx, aluy, 1)
  elizonAcc = await addAccount(fx, elizon, 0)
})
afterAll(async () => {
  await fx.cleanup()
  await aluy.close()
  await elizon.close()
})

const overview = async () => unwrap(await fx.dispatch('sshKeys.list', undefined)) as SshKeysOverview

describe('per account', () => {
  it('lists every account’s keys; main’s fingerprint equals the one elizon computes', async () => {
    const o = await overview()
    expect(o.accounts.map((a) => a.accountId).sort()).toEqual([aluyA.id, aluyB.id, elizonAcc.id].sort())
    const simKey = elizon.state.account(elizon.accounts[0]!.id).sshKeys[0]!
    const ours = o.accounts.find((a) => a.accountId === elizonAcc.id)!.keys.find((k) => k.id === simKey.id)!
    expect(ours.fingerprint).toBe(simKey.fingerprint)
    expect(o.accounts.find((a) => a.accountId === elizonAcc.id)?.canGenerate).toBe(true)
    expect(o.accounts.find((a) => a.accountId === aluyA.id)?.canGenerate).toBe(false)
  })

  it('refuses a malformed key before anything is sent', async () => {
    const since = requestsSince(aluy)
    for (const bad of ['ssh-ed25519 not-base64!', 'ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIG2Wc7TtU0s3c4l6nbHMRqkzfNuEwmtOq7E5OdTWZ8Ys x', '-----BEGIN OPENSSH PRIVATE KEY-----']) {
      expect(await fails(fx, 'sshKeys.add', { accountId: aluyA.id, name: 'bad', publicKey: bad })).toMatchObject({ code: 'validation' })
    }
    expect(since()).toEqual([])
  })

  it('adds a key, and a duplicate is refused in the provider’s words', async () => {
    const publicKey = openSshPublicKey('dup@test')
    const key = unwrap(await fx.dispatch('sshKeys.add', { accountId: aluyA.id, name: 'dup', publicKey })) as SshKey
    expect(aluy.state.account(aluy.accounts[0]!.id).sshKeys.some((k) => String(k.id) === key.id && k.publicKey === publicKey)).toBe(true)
    const again = await fails(fx, 'sshKeys.add', { accountId: aluyA.id, name: 'dup', publicKey })
    expect(again.message).toContain('The provider did not accept the key: This SSH key is already registered')
    const elizonDup = unwrap(await fx.dispatch('sshKeys.add', { accountId: elizonAcc.id, name: 'dup', publicKey })) as SshKey
    expect(elizonDup.fingerprint).toBe(key.fingerprint)
    expect((await fails(fx, 'sshKeys.add', { accountId: elizonAcc.id, name: 'dup', publicKey })).message).toContain('This key already exists')
  })

  it('deletes a key; deleting it again is a 404 explained', async () => {
    const key = unwrap(await fx.dispatch('sshKeys.add', { accountId: aluyA.id, name: 'gone', publicKey: openSshPublicKey() })) as SshKey
    expect(unwrap(await fx.dispatch('sshKeys.delete', { accountId: aluyA.id, keyId: key.id }))).toEqual({ deleted: true })
    const again = await fails(fx, 'sshKeys.delete', { accountId: aluyA.id, keyId: key.id })
    expect(again).toMatchObject({ code: 'not-found', status: 404 })
    expect(again.message).toContain('not on this account any more')
    expect(await fails(fx, 'sshKeys.delete', { accountId: elizonAcc.id, keyId: 'nope' })).toMatchObject({ code: 'not-found' })
  })

  it('elizon generates a pair: the private key is returned once and never reaches the log', async () => {
    const generated = unwrap(await fx.dispatch('sshKeys.generate', { accountId: elizonAcc.id, name: 'made-here' })) as GeneratedKey
    expect(generated.privateKey).toContain('-----BEGIN PRIVATE KEY-----')
    expect(generated.key.fingerprint).toMatch(/^SHA256:/)
    expect(await fails(fx, 'sshKeys.generate', { accountId: aluyA.id, name: 'x' })).toMatchObject({ code: 'unavailable' })
    await fx.logger.flush()
    const log = await readFile(fx.logFile, 'utf8') // a missing log is a failure, not an empty one
    expect(log).not.toContain(generated.privateKey.split('\n')[1]!)
  })
})

describe('fleet-wide', () => {
  it('pushes one key to every account with one failing; a second push finds it present; the matrix shows who holds it', async () => {
    const publicKey = openSshPublicKey('fleet@test')
    aluy.expireCredential(aluy.accounts[1]!.id)
    const results = unwrap(await fx.dispatch('sshKeys.push', { accountIds: [aluyA.id, aluyB.id, elizonAcc.id], name: 'fleet', publicKey })) as PushResult[]
    const by = new Map(results.map((r) => [r.accountId, r]))
    expect(by.get(aluyA.id)?.outcome).toBe('added')
    expect(by.get(elizonAcc.id)?.outcome).toBe('added')
    expect(by.get(aluyB.id)).toMatchObject({ outcome: 'failed', error: { code: 'auth-expired' } })

    const second = unwrap(await fx.dispatch('sshKeys.push', { accountIds: [aluyA.id, elizonAcc.id], name: 'fleet', publicKey })) as PushResult[]
    expect(second.map((r) => r.outcome)).toEqual(['already-present', 'already-present'])

    const o = await overview()
    const row = o.matrix.find((r) => r.fingerprint === by.get(aluyA.id)!.key!.fingerprint)!
    expect(Object.keys(row.holders).sort()).toEqual([aluyA.id, elizonAcc.id].sort())
    expect(o.accounts.find((a) => a.accountId === aluyB.id)?.error?.code).toBe('auth-expired')
  })
})
