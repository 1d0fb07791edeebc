// SSH keys across accounts: each account's list with fingerprints computed here,
// the fingerprint matrix, add / delete / generate, and one key pushed to many
// accounts with a result per account (a key already there is not added twice).
import type { AccountKeys, GeneratedKey, KeyMatrixRow, PushResult, SshKey, SshKeysOverview } from '../../shared/contracts/ssh-keys'
import type { Account } from '../../shared/domain'
import { FlotillaError, serializeError } from '../../shared/errors'
import { accountOf, featureOf, perAccount, type AccountAccess } from '../orders/account-access'
import { normalisePublicKey, sshFingerprint } from './fingerprint'
import type { ProviderSshKey } from './ssh-key-operations'

export class SshKeysService {
  constructor(private readonly deps: AccountAccess) {}

  async overview(): Promise<SshKeysOverview> {
    const accounts = this.deps.accounts().filter((a) => this.deps.adapterFor(a.provider).sshKeys)
    const results = await perAccount(accounts, (account) => this.keysOf(account))
    const list: AccountKeys[] = results.map(({ account, value, error }) => ({
      accountId: account.id,
      provider: account.provider,
      keys: value ?? [],
      error: error ?? null,
      canGenerate: this.deps.adapterFor(account.provider).sshKeys?.generate !== undefined
    }))
    return { accounts: list, matrix: matrixOf(list) }
  }

  async add(accountId: string, name: string, publicKey: string): Promise<SshKey> {
    const account = accountOf(this.deps, accountId)
    const ops = featureOf(this.deps, account, 'sshKeys', 'SSH keys')
    if (sshFingerprint(publicKey) === null) throw new FlotillaError('validation', 'That is not an OpenSSH public key.')
    try {
      return toKey(await ops.add(await this.deps.contextFor(accountId), name, normalisePublicKey(publicKey)))
    } catch (error) {
      throw explainAddError(error)
    }
  }

  async delete(accountId: string, keyId: string): Promise<{ deleted: true }> {
    const account = accountOf(this.deps, accountId)
    const ops = featureOf(this.deps, account, 'sshKeys', 'SSH keys')
    try {
      await ops.delete(await this.deps.contextFor(accountId), keyId)
    } catch (error) {
      if (error instanceof FlotillaError && error.status === 404) {
        throw new FlotillaError('not-found', 'That key is not on this account any more — it may have been deleted elsewhere. Reload the list.', { status: 404, accountId })
      }
      throw error
    }
    return { deleted: true }
  }

  async generate(accountId: string, name: string): Promise<GeneratedKey> {
    const account = accountOf(this.deps, accountId)
    const ops = featureOf(this.deps, account, 'sshKeys', 'SSH keys')
    if (!ops.generate) throw new FlotillaError('unavailable', `${account.provider} cannot generate keys; create one locally (ssh-keygen -t ed25519) and add its public half.`)
    const { key, privateKey } = await ops.generate(await this.deps.contextFor(accountId), name)
    // Returned once to the renderer; never stored, and never printed by the logger.
    this.deps.logger.registerSecret(privateKey)
    return { key: toKey(key), privateKey }
  }

  /** Adds the key to every chosen account in parallel; each account answers for itself. */
  async push(accountIds: readonly string[], name: string, publicKey: string): Promise<PushResult[]> {
    const fingerprint = sshFingerprint(publicKey)
    if (fingerprint === null) throw new FlotillaError('validation', 'That is not an OpenSSH public key.')
    const accounts = accountIds.map((id) => accountOf(this.deps, id))
    const results = await perAccount(accounts, async (account): Promise<PushResult> => {
      const present = (await this.keysOf(account)).find((k) => k.fingerprint === fingerprint)
      if (present) return { accountId: account.id, outcome: 'already-present', key: present, error: null }
      return { accountId: account.id, outcome: 'added', key: await this.add(account.id, name, publicKey), error: null }
    })
    return results.map(({ account, value, error }) => value ?? { accountId: account.id, outcome: 'failed', key: null, error: error ?? serializeError(null) })
  }

  private async keysOf(account: Account): Promise<SshKey[]> {
    const ops = featureOf(this.deps, account, 'sshKeys', 'SSH keys')
    return (await ops.list(await this.deps.contextFor(account.id))).map(toKey)
  }
}

function toKey(k: ProviderSshKey): SshKey {
  return {
    id: k.id,
    name: k.name,
    type: k.publicKey.trim().split(/\s+/)[0] ?? '',
    publicKey: k.publicKey,
    fingerprint: sshFingerprint(k.publicKey) ?? 'unreadable key',
    createdAt: k.createdAt
  }
}

/** One row per distinct fingerprint; the first name seen names the row. */
function matrixOf(accounts: readonly AccountKeys[]): KeyMatrixRow[] {
  const rows = new Map<string, KeyMatrixRow>()
  for (const account of accounts) {
    for (const key of account.keys) {
      const row = rows.get(key.fingerprint) ?? { fingerprint: key.fingerprint, name: key.name, type: key.type, holders: {} }
      row.holders[account.accountId] = key.id
      rows.set(key.fingerprint, row)
    }
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** aluy answers a duplicate with 502, elizon with 400: both mean "the provider would not take this key". */
function explainAddError(error: unknown): unknown {
  if (!(error instanceof FlotillaError)) return error
  const { code, message, ...extra } = error.toJSON()
  if (error.status === 400 || error.status === 502) {
    const issues = error.issues?.length ? ` (${error.issues.join('; ')})` : ''
    return new FlotillaError(code, `The provider did not accept the key: ${message}${issues}`, extra)
  }
  return error
}
