// Applying main's `fleet.delta` to the renderer's server list: changed servers
// replace theirs in place (so the order of an unsorted view is stable), new
// ones are appended, removed ones dropped. Untouched servers keep their object
// identity, so the per-row cache in the store rebuilds only what changed.
import type { FleetDelta } from '@shared/contracts/fleet'
import type { Server } from '@shared/domain'

export function applyDelta(servers: readonly Server[], delta: Pick<FleetDelta, 'upserts' | 'removedKeys'>): Server[] {
  if (delta.upserts.length === 0 && delta.removedKeys.length === 0) return servers as Server[]
  const removed = new Set(delta.removedKeys)
  const upserts = new Map(delta.upserts.map((s) => [s.key, s]))
  const next: Server[] = []
  for (const server of servers) {
    if (removed.has(server.key)) continue
    const replacement = upserts.get(server.key)
    next.push(replacement ?? server)
    upserts.delete(server.key)
  }
  for (const added of upserts.values()) if (!removed.has(added.key)) next.push(added)
  return next
}

/** Follows renamed keys (retry-provision gives a server a new id) in a set of keys. */
export function followRenames(keys: ReadonlySet<string>, renamed: FleetDelta['renamedKeys']): Set<string> {
  const next = new Set(keys)
  for (const { from, to } of renamed) {
    if (next.delete(from)) next.add(to)
  }
  return next
}
