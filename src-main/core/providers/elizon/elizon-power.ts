// Reading elizon's power word wherever it comes. The reference shows it once:
// `"status": "RUNNING"` on each item of the services list. It shows no body for
// /services/status-batch or /services/[id]/status, so there the word may come as
// `status`, `state`, `power` or `powerState`, in any casing (docs/assumptions-elizon.md).
// A word we do not know (e.g. MIGRATING) is kept as the provider's own text,
// and an answer with no readable word leaves the known power alone.
import type { Server } from '../../../shared/domain'

type Power = Server['power']

/** Pterodactyl says `offline` where Proxmox says `stopped`. */
const POWER_WORDS: Readonly<Record<string, Exclude<Power, 'unknown'>>> = {
  running: 'running',
  online: 'running',
  stopped: 'stopped',
  offline: 'stopped',
  starting: 'starting',
  stopping: 'stopping'
}

/** Where a live-status entry may carry its power word, most specific first. */
export const LIVE_POWER_KEYS = ['powerState', 'power', 'state', 'status'] as const
/** The list's own `status` is the service's status word; a separate power field, when sent, is preferred. */
export const LIST_POWER_KEYS = ['powerState', 'power', 'state', 'status'] as const

/** The power a word means, and the word itself when it means nothing we know. */
export function powerOf(word: string): { power: Power; powerText: string | null } {
  const known = POWER_WORDS[word.trim().toLowerCase()]
  return known ? { power: known, powerText: null } : { power: 'unknown', powerText: word.trim() }
}

/** The first non-empty string under one of `keys`, matched without regard to casing, `_` or `-`. */
export function readWord(record: Record<string, unknown>, keys: readonly string[]): string | null {
  const byLoose = new Map<string, unknown>()
  for (const [k, v] of Object.entries(record)) {
    const loose = looseKey(k)
    if (!byLoose.has(loose)) byLoose.set(loose, v)
  }
  for (const key of keys) {
    const value = byLoose.get(looseKey(key))
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
  }
  return null
}

/** A number under one of `keys` (loosely matched, as `readWord`); numeric strings count; null otherwise. */
export function readNumber(record: Record<string, unknown>, keys: readonly string[]): number | null {
  for (const [k, v] of Object.entries(record)) {
    if (!keys.some((key) => looseKey(key) === looseKey(k))) continue
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN
    if (Number.isFinite(n)) return n
  }
  return null
}

function looseKey(key: string): string {
  return key.replace(/[_-]/g, '').toLowerCase()
}
