// SSH keys across accounts (issue 6): each account's keys, add / delete /
// generate, one public key pushed to many accounts in one step, and the matrix
// of which account holds which key (by SHA-256 fingerprint, computed in main).
// Compiled for main and renderer: zod and the shared domain only.
import { z } from 'zod'
import { AccountId, ProviderId } from '../domain'
import { SerializedError } from '../errors'
import { SshKeyId } from './ids'

export const SSH_KEY_TYPES = [
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com'
] as const

export type OpenSshCheck =
  | { ok: true; type: string; base64: string; comment: string }
  | { ok: false; problem: 'empty' | 'private-key' | 'multiple-lines' | 'unknown-type' | 'bad-base64' | 'type-mismatch' }

/**
 * Is this one OpenSSH public key line (`type base64 [comment]`)? The base64 blob
 * must decode and start with the same type string, which catches truncated pastes.
 * Problems are message keys the UI translates.
 */
export function checkOpenSshPublicKey(text: string): OpenSshCheck {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, problem: 'empty' }
  if (/PRIVATE KEY/.test(trimmed)) return { ok: false, problem: 'private-key' }
  if (/[\r\n]/.test(trimmed)) return { ok: false, problem: 'multiple-lines' }
  const [type = '', base64 = '', ...rest] = trimmed.split(/\s+/)
  if (!(SSH_KEY_TYPES as readonly string[]).includes(type)) return { ok: false, problem: 'unknown-type' }
  const blob = decodeBase64(base64)
  if (blob === null || blob.length < 4 + type.length) return { ok: false, problem: 'bad-base64' }
  const length = ((blob[0]! << 24) | (blob[1]! << 16) | (blob[2]! << 8) | blob[3]!) >>> 0
  const embedded = String.fromCharCode(...blob.subarray(4, 4 + length))
  if (embedded !== type) return { ok: false, problem: 'type-mismatch' }
  return { ok: true, type, base64, comment: rest.join(' ') }
}

function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return null
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

export const PublicKeyText = z
  .string()
  .max(16_384)
  .refine((t) => checkOpenSshPublicKey(t).ok, 'not an OpenSSH public key')

export const SshKey = z.object({
  /** The provider's id (aluy: numeric VirtFusion id as text). */
  id: z.string(),
  name: z.string(),
  type: z.string(),
  publicKey: z.string(),
  /** `SHA256:<base64 without padding>`, as `ssh-keygen -l` prints it. */
  fingerprint: z.string(),
  createdAt: z.string().nullable()
})
export type SshKey = z.infer<typeof SshKey>

export const AccountKeys = z.object({
  accountId: AccountId,
  provider: ProviderId,
  keys: z.array(SshKey),
  /** The account's keys could not be read; the others still show. */
  error: SerializedError.nullable(),
  canGenerate: z.boolean()
})
export type AccountKeys = z.infer<typeof AccountKeys>

export const KeyMatrixRow = z.object({
  fingerprint: z.string(),
  name: z.string(),
  type: z.string(),
  /** Per account holding it: that account's key id. */
  holders: z.record(z.string(), z.string())
})
export type KeyMatrixRow = z.infer<typeof KeyMatrixRow>

export const SshKeysOverview = z.object({ accounts: z.array(AccountKeys), matrix: z.array(KeyMatrixRow) })
export type SshKeysOverview = z.infer<typeof SshKeysOverview>

const KeyName = z.string().trim().min(1, 'name is empty').max(120, 'name is too long')

export const PushResult = z.object({
  accountId: AccountId,
  outcome: z.enum(['added', 'already-present', 'failed']),
  key: SshKey.nullable(),
  error: SerializedError.nullable()
})
export type PushResult = z.infer<typeof PushResult>

export const GeneratedKey = z.object({
  key: SshKey,
  /** Shown once; main never logs it or writes it anywhere but where the user saves it. */
  privateKey: z.string(),
  /**
   * One-time handle for `sshKeys.savePrivateKey`: main holds the private key in
   * memory under it until it is saved, discarded, or 10 minutes pass. null where
   * there is no save dialog (web harness): the renderer offers a download and
   * main holds nothing.
   */
  saveId: z.string().nullable()
})
export type GeneratedKey = z.infer<typeof GeneratedKey>

const SaveIdInput = z.object({ saveId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'not a save id') })

export const sshKeysContract = {
  'sshKeys.list': { input: z.undefined(), output: SshKeysOverview },
  'sshKeys.add': { input: z.object({ accountId: AccountId, name: KeyName, publicKey: PublicKeyText }), output: SshKey },
  'sshKeys.delete': { input: z.object({ accountId: AccountId, keyId: SshKeyId }), output: z.object({ deleted: z.literal(true) }) },
  'sshKeys.generate': { input: z.object({ accountId: AccountId, name: KeyName }), output: GeneratedKey },
  /** Electron's save dialog; the file is written with mode 0600. Cancelled → saved:false, and the key is still held. */
  'sshKeys.savePrivateKey': { input: SaveIdInput, output: z.union([z.object({ saved: z.literal(false) }), z.object({ saved: z.literal(true), path: z.string() })]) },
  /** The user is done with the generated key: main forgets it. */
  'sshKeys.discardPrivateKey': { input: SaveIdInput, output: z.object({ discarded: z.boolean() }) },
  'sshKeys.push': {
    input: z.object({ accountIds: z.array(AccountId).min(1).max(500), name: KeyName, publicKey: PublicKeyText }),
    output: z.array(PushResult)
  }
} as const
