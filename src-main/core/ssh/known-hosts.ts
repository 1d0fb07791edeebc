// Read-only view of the user's OpenSSH known_hosts, so keys the user already
// trusts in their terminal are honoured without asking again. Flotilla never
// writes this file: its own pins live in userData (host-key-store.ts).
// Handles plain and hashed (`|1|salt|hmac`) host fields, `[host]:port`,
// comma-separated names, `*`/`?` patterns, `!` negation and the `@revoked`
// marker; `@cert-authority` lines are skipped (no certificate support).
import { createHmac } from 'node:crypto'
import { readFile } from 'node:fs/promises'

export interface KnownKey {
  readonly keyType: string
  /** The key blob in SSH wire format (what ssh2's hostVerifier is handed). */
  readonly key: Buffer
  readonly revoked: boolean
}

/** The `host` field OpenSSH writes for this host and port. */
export function hostField(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`
}

export function parseKnownHosts(text: string, host: string, port: number): KnownKey[] {
  const out: KnownKey[] = []
  for (const raw of text.split('\n')) {
    const parsed = parseLine(raw)
    if (parsed && hostsMatch(parsed.hosts, host, port)) out.push({ keyType: parsed.keyType, key: parsed.key, revoked: parsed.revoked })
  }
  return out
}

export async function readKnownHosts(path: string, host: string, port: number): Promise<KnownKey[]> {
  const text = await readFile(path, 'utf8').catch(() => '')
  return parseKnownHosts(text, host, port)
}

interface Line {
  readonly hosts: string
  readonly keyType: string
  readonly key: Buffer
  readonly revoked: boolean
}

function parseLine(raw: string): Line | null {
  const line = raw.trim()
  if (line === '' || line.startsWith('#')) return null
  let fields = line.split(/\s+/)
  let revoked = false
  if (fields[0]?.startsWith('@')) {
    if (fields[0] !== '@revoked') return null
    revoked = true
    fields = fields.slice(1)
  }
  const [hosts, keyType, b64] = fields
  if (!hosts || !keyType || !b64) return null
  const key = Buffer.from(b64, 'base64')
  return key.length > 0 ? { hosts, keyType, key, revoked } : null
}

function hostsMatch(field: string, host: string, port: number): boolean {
  const wanted = hostField(host, port)
  if (field.startsWith('|1|')) return hashedMatch(field, wanted)
  let matched = false
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!')
    if (globMatch(negated ? pattern.slice(1) : pattern, wanted)) {
      if (negated) return false
      matched = true
    }
  }
  return matched
}

function hashedMatch(field: string, wanted: string): boolean {
  const [, , salt, hash] = field.split('|')
  if (!salt || !hash) return false
  const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(wanted).digest('base64')
  return mac === hash
}

function globMatch(pattern: string, value: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${re}$`, 'i').test(value)
}
