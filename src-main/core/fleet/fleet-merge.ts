// How a freshly listed row meets what the fleet knew: live values from the
// status call where it gave them, else the last ones while the status word is
// unchanged, and learnt facts (location) that the list leaves out.
import type { Server } from '../../shared/domain'
import type { LivePatch } from '../servers/server-operations'

/** Fields only a live status call fills in; a list row leaves them unknown. */
const LIVE_FIELDS = ['power', 'primaryIpv4', 'primaryIpv6', 'vcpu', 'ramMb', 'diskGb', 'provisionIssue'] as const

/** The listed row, with fresh live values where the status call gave them, else the last ones while the status word is unchanged. */
export function mergeLive(listed: Server, patch: LivePatch | undefined, before: Server | undefined): Server {
  // Learnt facts outlive a list that leaves them out.
  if (listed.location === null && before?.location) listed = { ...listed, location: before.location }
  if (patch) return { ...listed, ...patch }
  if (!before || before.status !== listed.status) return listed
  const merged: Record<string, unknown> = { ...listed }
  for (const field of LIVE_FIELDS) {
    const value = listed[field]
    if ((value === null || value === undefined || value === 'unknown') && before[field] !== undefined) merged[field] = before[field]
  }
  return merged as Server
}
