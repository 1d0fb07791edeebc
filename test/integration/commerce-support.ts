// Shared steps of the orders / SSH-keys / tickets tests: a real OpenSSH public
// key to send, and (from core-fixture) a dispatch that must fail.
import { generateKeyPairSync } from 'node:crypto'
export { fails } from '../support/core-fixture'

/** A fresh ed25519 public key in OpenSSH format (`ssh-ed25519 <blob> <comment>`). */
export function openSshPublicKey(comment = 'test@flotilla'): string {
  const raw = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
  const field = (b: Buffer): Buffer => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b])
  return `ssh-ed25519 ${Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]).toString('base64')} ${comment}`
}
