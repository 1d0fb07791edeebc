// Bulk helpers: who is affected (named per account for the confirmation), which
// progress report is the newest, and what failed.
import type { JobItem, JobProgress } from '@shared/contracts/fleet'
import type { FleetRow } from './rows'

export interface AccountGroup {
  accountId: string
  accountLabel: string
  count: number
}

export function selectionByAccount(rows: readonly FleetRow[]): AccountGroup[] {
  const groups = new Map<string, AccountGroup>()
  for (const row of rows) {
    const group = groups.get(row.server.accountId) ?? { accountId: row.server.accountId, accountLabel: row.accountLabel, count: 0 }
    group.count++
    groups.set(row.server.accountId, group)
  }
  return [...groups.values()].sort((a, b) => a.accountLabel.localeCompare(b.accountLabel))
}

/** Events and the call's answer can arrive in any order: the one further along wins. */
export function latestProgress(a: JobProgress | undefined, b: JobProgress): JobProgress {
  if (!a) return b
  if (a.finished !== b.finished) return a.finished ? a : b
  return b.done >= a.done ? b : a
}

/** Once a job has finished: the items that failed, with their errors. */
export function jobSummary(job: JobProgress): { failures: JobItem[] } | null {
  if (!job.finished) return null
  return { failures: job.items.filter((i) => i.state === 'failed') }
}
