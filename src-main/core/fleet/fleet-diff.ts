// What changed between two lists of servers: the rows to send again, the keys
// that are gone, and the transitions a user may want a notification for.
import type { ServerTransition } from '../../shared/contracts/fleet'
import type { Server } from '../../shared/domain'

export interface ServerDiff {
  readonly upserts: Server[]
  readonly removedKeys: string[]
  readonly transitions: ServerTransition[]
}

export function diffServers(before: readonly Server[], after: readonly Server[]): ServerDiff {
  const old = new Map(before.map((s) => [s.key, s]))
  const upserts: Server[] = []
  const transitions: ServerTransition[] = []
  for (const s of after) {
    const prev = old.get(s.key)
    old.delete(s.key)
    if (prev !== undefined && sameServer(prev, s)) continue
    upserts.push(s)
    const t = transitionOf(prev ?? null, s)
    if (t !== null) transitions.push(t)
  }
  for (const gone of old.values()) {
    transitions.push({ key: gone.key, accountId: gone.accountId, label: gone.label, kind: 'removed', from: stateOf(gone), to: null })
  }
  return { upserts, removedKeys: [...old.keys()], transitions }
}

export function isEmptyDiff(d: ServerDiff): boolean {
  return d.upserts.length === 0 && d.removedKeys.length === 0
}

/** Field by field: Server is flat (scalars only), so this is exact and cheap. */
export function sameServer(a: Server, b: Server): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Server>
  for (const k of keys) if (a[k] !== b[k]) return false
  return true
}

function stateOf(s: Server): { status: Server['status']; power: Server['power'] } {
  return { status: s.status, power: s.power }
}

/** Only changes of a known server count: a server seen for the first time is no news. */
function transitionOf(prev: Server | null, next: Server): ServerTransition | null {
  if (prev === null) return null
  const kind = transitionKind(prev, next)
  if (kind === null) return null
  return { key: next.key, accountId: next.accountId, label: next.label, kind, from: stateOf(prev), to: stateOf(next) }
}

function transitionKind(prev: Server, next: Server): ServerTransition['kind'] | null {
  if (next.provisionIssue === true && prev.provisionIssue !== true) return 'provision-failed'
  if (prev.status === 'pending' && next.status === 'active') return 'provisioned'
  if (prev.status !== 'suspended' && next.status === 'suspended') return 'suspended'
  if (prev.status === 'suspended' && next.status === 'active') return 'unsuspended'
  // Power words only mean something once both sides are known.
  if (prev.power === 'running' && next.power === 'stopped') return 'stopped'
  if (prev.power === 'stopped' && next.power === 'running') return 'started'
  return null
}
