// The Activity page's filters: by account, action and result. Pure, so the
// page and its tests share one reading; `null` in a field means "any".
import type { ActivityEntry, ServerActionName } from '@shared/contracts/fleet'

export type ActivityResult = ActivityEntry['result']

export interface ActivityFilter {
  accountId: string | null
  action: ServerActionName | null
  result: ActivityResult | null
}

export const NO_ACTIVITY_FILTER: Readonly<ActivityFilter> = Object.freeze({ accountId: null, action: null, result: null })

export function isFiltering(filter: ActivityFilter): boolean {
  return filter.accountId !== null || filter.action !== null || filter.result !== null
}

/** The entries that match every set field, in their order (newest first as loaded). */
export function filterActivity(entries: readonly ActivityEntry[], filter: ActivityFilter): ActivityEntry[] {
  if (!isFiltering(filter)) return [...entries]
  return entries.filter(
    (e) =>
      (filter.accountId === null || e.accountId === filter.accountId) &&
      (filter.action === null || e.action === filter.action) &&
      (filter.result === null || e.result === filter.result)
  )
}

export interface ActivityChoices {
  accountIds: string[]
  actions: ServerActionName[]
}

/**
 * The accounts and actions that occur in the log, each once, in order of first
 * appearance — so a filter never offers a value that can only show nothing, and
 * an account removed since still has its entries reachable.
 */
export function activityChoices(entries: readonly ActivityEntry[]): ActivityChoices {
  const accountIds = new Set<string>()
  const actions = new Set<ServerActionName>()
  for (const e of entries) {
    accountIds.add(e.accountId)
    actions.add(e.action)
  }
  return { accountIds: [...accountIds], actions: [...actions] }
}
