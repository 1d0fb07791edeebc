// The SHA-256 fingerprint of an OpenSSH public key, as `ssh-keygen -l` prints it:
// the hash of the decoded key blob, base64 without padding. Computed in main so
// two accounts' copies of one key match however each provider formats them.
import { createHash } from 'node:crypto'
import { checkOpenSshPublicKey } from '../../shared/contracts/ssh-keys'

export function sshFingerprint(publicKey: string): string | null {
  const check = checkOpenSshPublicKey(publicKey)
  if (!check.ok) return null
  return 'SHA256:' + createHash('sha256').update(Buffer.from(check.base64, 'base64')).digest('base64').replace(/=+$/, '')
}

/** The key as it is sent to a provider: type and blob, the comment kept, whitespace normalised. */
export function normalisePublicKey(publicKey: string): string {
  const check = checkOpenSshPublicKey(publicKey)
  if (!check.ok) return publicKey.trim()
  return [check.type, check.base64, check.comment].filter((p) => p !== '').join(' ')
}
