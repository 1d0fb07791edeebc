// What a host key is called and shown as: its type (the first string of the
// SSH wire blob) and OpenSSH's SHA256 fingerprint (unpadded base64).
import { createHash } from 'node:crypto'

export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown'
  const len = blob.readUInt32BE(0)
  if (len <= 0 || len > 64 || 4 + len > blob.length) return 'unknown'
  return blob.subarray(4, 4 + len).toString('latin1')
}

export function sha256Fingerprint(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')
}
