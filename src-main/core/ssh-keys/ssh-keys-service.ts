// SSH keys across accounts: each account's list with fingerprints computed here,
// the fingerprint matrix, add / delete / generate, and one key pushed to many
// accounts with a result per account (a key already there is not added twice).
import type { AccountKeys, GeneratedKey, KeyMatrixRow, PushResult, SshKey, SshKeysOverview } from '../../shared/contracts/ssh-keys'
import type { Account } from '../../shared/domain'
import { FlotillaError, serializeError } from '../../shared/errors'
import type { SaveFile } from '../billing/billing-handlers'
import { accountOf, featureOf, perAccount, type AccountAccess } from '../orders/account-access'
import { normalisePublicKey, sshFingerprint } from './fingerprint'
import { PendingPrivateKeys } from './pending-private-keys'
import type { ProviderSshKey } from './ssh-key-operations'

export interface SshKeysDeps extends AccountAccess {
  /** Electron's save dialog; absent in the web harness (the renderer then offers a download). */
  readonly saveFile?: SaveFile
  /** Tests shorten how long a generated private key is held for saving. */
  readonly pendingKeys?: PendingPrivateKeys
}

export class SshKeysService {
  private readonly pending: PendingPrivateKeys

  constructor(private readonly deps: SshKeysDeps) {
    this.pending = deps.pendingKeys ?? new PendingPrivateKeys()
  }

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
    // Returned once to the renderer; never printed by the logger, written only where the user saves it.
    this.deps.logger.registerSecret(privateKey)
    const generated = toKey(key)
    const saveId = this.deps.saveFile ? this.pending.hold(privateKey, privateKeyFileName(generated)) : null
    return { key: generated, privateKey, saveId }
  }

  /**
   * Saves a generated private key through the save dialog, mode 0600, from main's
   * own copy (the renderer sends only the id). Cancelled: the key stays held so the
   * user can choose again; saved: main forgets it.
   */
  async savePrivateKey(saveId: string): Promise<{ saved: false } | { saved: true; path: string }> {
    if (!this.deps.saveFile) throw new FlotillaError('unavailable', 'Saving through a dialog is not available here.')
    const held = this.pending.get(saveId)
    if (!held) throw new FlotillaError('not-found', 'This private key is no longer held: it was saved, discarded, or not saved within 10 minutes. Generate a new key.')
    const bytes = Buffer.from(held.privateKey.endsWith('\n') ? held.privateKey : `${held.privateKey}\n`, 'utf8')
    try {
      const path = await this.deps.saveFile(held.fileName, bytes, 'private-key')
      if (path === null) return { saved: false }
      this.pending.forget(saveId)
      return { saved: true, path }
    } catch (error) {
      // The write's own error can name the path but never the key; keep only its code.
      const code = (error as NodeJS.ErrnoException | null)?.code ?? 'error'
      throw new FlotillaError('storage', `The private key could not be saved there (${code}). Choose another place.`)
    } finally {
      bytes.fill(0)
    }
  }

  discardPrivateKey(saveId: string): { discarded: boolean } {
    return { discarded: this.pending.forget(saveId) }
  }

  /** App shutdown: drop every key still waiting to be saved. */
  dispose(): void {
    this.pending.forgetAll()
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

/** `id_ed25519_<name>`, the way ssh-keygen names files, with the key's name made file-safe. */
function privateKeyFileName(key: SshKey): string {
  const algorithm = key.type.replace(/^ssh-/, '').replace(/^ecdsa-.*/, 'ecdsa').replace(/[^a-z0-9]/gi, '') || 'key'
  const name = key.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 60)
  return name ? `id_${algorithm}_${name}` : `id_${algorithm}`
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
