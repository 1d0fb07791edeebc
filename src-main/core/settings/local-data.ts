// "Reset local data" from the Settings page: what Flotilla cached from the
// providers (server lists, invoices and their PDFs, tickets) and the activity
// log go; accounts, keychain entries, settings, tags and notes stay. The reset
// is carried out at the next start, before any feature reads or writes these
// files: done while they run, a background sync or refresh could write an old
// copy straight back.
import { rm, stat, writeFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { AppWarning } from '../../shared/domain'

const MARKER = 'reset-local-data.json'
/** What a reset removes, relative to userData. */
export const RESET_TARGETS = ['cache', 'activity.jsonl'] as const

export async function resetPending(userDataDir: string): Promise<boolean> {
  return stat(join(userDataDir, MARKER)).then(
    () => true,
    () => false
  )
}

/** Asks for a reset at the next start (or withdraws the request). */
export async function setResetRequested(userDataDir: string, requested: boolean): Promise<boolean> {
  const marker = join(userDataDir, MARKER)
  if (requested) await writeFile(marker, JSON.stringify({ requestedAt: new Date().toISOString() }), { mode: 0o600 })
  else await unlink(marker).catch(() => undefined)
  return requested
}

/** At start, before the features load: carries out a requested reset and says so. */
export async function applyRequestedReset(userDataDir: string): Promise<AppWarning | null> {
  if (!(await resetPending(userDataDir))) return null
  for (const target of RESET_TARGETS) await rm(join(userDataDir, target), { recursive: true, force: true })
  await unlink(join(userDataDir, MARKER)).catch(() => undefined)
  return {
    code: 'local-data-reset',
    message: 'Local data was reset as you asked: cached server lists, invoices, tickets and the activity log were removed and are read again from the providers.'
  }
}
