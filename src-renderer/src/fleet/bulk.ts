// Bulk helpers: who is affected (named per account for the confirmation), which
// progress report is the newest, and what failed.
import type { JobItem, JobProgress } from '@shared/contracts/fleet'
import type { FleetRow } from './rows'

export interface AccountGroup {
  accountId: string
  accountLabel: string
  count: number
}

/** The selection split by what the filter shows now: rows out of view are acted on only when the user says so. */
export function splitByVisibility(selected: readonly FleetRow[], shown: readonly FleetRow[]): { visible: FleetRow[]; hidden: FleetRow[] } {
  const inView = new Set(shown.map((r) => r.key))
  return {
    visible: selected.filter((r) => inView.has(r.key)),
    hidden: selected.filter((r) => !inView.has(r.key))
  }
}

export interface NamedGroup extends AccountGroup {
  /** The servers' labels, sorted; the confirmation shows the first few and collapses the rest. */
  labels: string[]
}

/** The servers an action will touch, by account and by name, for the confirmation. */
export function namedByAccount(rows: readonly FleetRow[]): NamedGroup[] {
  const groups = new Map<string, NamedGroup>()
  for (const row of rows) {
    const group = groups.get(row.server.accountId) ?? { accountId: row.server.accountId, accountLabel: row.accountLabel, count: 0, labels: [] }
    group.count++
    group.labels.push(row.server.label || row.server.id)
    groups.set(row.server.accountId, group)
  }
  for (const group of groups.values()) group.labels.sort((a, b) => a.localeCompare(b))
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
