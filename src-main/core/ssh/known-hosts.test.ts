import { createHmac, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parseKnownHosts } from './known-hosts'
import { keyTypeOf, sha256Fingerprint } from './host-key'

function blob(type: string, body = randomBytes(32)): Buffer {
  const t = Buffer.from(type)
  const len = Buffer.alloc(4)
  len.writeUInt32BE(t.length)
  return Buffer.concat([len, t, body])
}
function hashed(host: string): string {
  const salt = randomBytes(20)
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(host).digest('base64')}`
}

describe('known_hosts (read-only)', () => {
  const a = blob('ssh-ed25519')
  const b = blob('ssh-rsa')
  it('matches plain, bracketed-port, comma lists, hashed names and patterns', () => {
    const text = [
      '# comment',
      `example.org,192.0.2.1 ssh-ed25519 ${a.toString('base64')}`,
      `[192.0.2.1]:2222 ssh-rsa ${b.toString('base64')} note`,
      `${hashed('[10.0.0.5]:2200')} ssh-ed25519 ${a.toString('base64')}`,
      `*.lab,!bad.lab ssh-rsa ${b.toString('base64')}`,
      `@cert-authority *.org ssh-rsa ${b.toString('base64')}`
    ].join('\n')
    expect(parseKnownHosts(text, '192.0.2.1', 22).map((k) => k.key)).toEqual([a])
    expect(parseKnownHosts(text, '192.0.2.1', 2222).map((k) => k.keyType)).toEqual(['ssh-rsa'])
    expect(parseKnownHosts(text, '10.0.0.5', 2200).map((k) => k.key)).toEqual([a])
    expect(parseKnownHosts(text, '10.0.0.5', 22)).toEqual([])
    expect(parseKnownHosts(text, 'x.lab', 22)).toHaveLength(1)
    expect(parseKnownHosts(text, 'bad.lab', 22)).toEqual([])
    expect(parseKnownHosts(text, 'other.org', 22)).toEqual([])
  })
  it('marks @revoked keys', () => {
    const [k] = parseKnownHosts(`@revoked h ssh-ed25519 ${a.toString('base64')}`, 'h', 22)
    expect(k?.revoked).toBe(true)
  })
  it('names a key by its wire type and SHA256 fingerprint like OpenSSH', () => {
    expect(keyTypeOf(a)).toBe('ssh-ed25519')
    expect(sha256Fingerprint(a)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/)
  })
})
