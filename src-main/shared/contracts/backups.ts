// Backups of one server (elizon only; aluy's API has none): list, create with an
// optional name, restore (overwrites the server's disk) and delete. Each runs
// once, never retried, and create / restore / delete are recorded in the
// activity log. Compiled for main and renderer: zod and the shared domain only.
import { z } from 'zod'
import type { Server } from '../domain'
import { ServerKey } from './fleet'
import { BackupId } from './ids'

export const ServerBackup = z.object({
  id: z.string(),
  name: z.string().nullable(),
  /** ISO time; null when the provider did not say. */
  createdAt: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  /** The provider's own word (e.g. "completed", "creating"), lower-cased; null when not said. */
  status: z.string().nullable(),
  /** A locked backup cannot be deleted. */
  locked: z.boolean()
})
export type ServerBackup = z.infer<typeof ServerBackup>

export const BackupList = z.object({ backups: z.array(ServerBackup), fetchedAt: z.string() })
export type BackupList = z.infer<typeof BackupList>

/** What create / restore / delete answer: the provider's message, and the new backup where it said. */
export const BackupOutcome = z.object({ message: z.string().nullable(), backup: ServerBackup.nullable() })
export type BackupOutcome = z.infer<typeof BackupOutcome>

/** A backup id as the provider gave it; it travels in a URL path, so it has the strict shape of ids.ts. */
export { BackupId }

export const BackupKeyInput = z.object({ key: ServerKey })
export const CreateBackupInput = z.object({
  key: ServerKey,
  /** Empty means "let the provider name it". */
  name: z
    .string()
    .trim()
    .max(100, 'name is too long')
    .optional()
    .transform((v) => (v === '' ? undefined : v))
})
export type CreateBackupInput = z.input<typeof CreateBackupInput>
export const BackupTargetInput = z.object({ key: ServerKey, backupId: BackupId })
export type BackupTargetInput = z.input<typeof BackupTargetInput>

/**
 * Whether the detail offers backups for this server: elizon's API has them per
 * service, aluy's has none; a service that is not active has no disk to back up.
 * Main checks the provider's port itself; this only decides what the UI shows.
 */
export function backupsOffered(server: Pick<Server, 'provider' | 'status'>): boolean {
  return server.provider === 'elizon' && server.status === 'active'
}

/** A status that means the provider is still working on the backup (creating or restoring it). */
export function backupBusy(status: string | null): boolean {
  return status !== null && /creat|restor|progress|pending|running|queued/.test(status)
}

export const backupsContract = {
  'backups.list': { input: BackupKeyInput, output: BackupList },
  'backups.create': { input: CreateBackupInput, output: BackupOutcome },
  'backups.restore': { input: BackupTargetInput, output: BackupOutcome },
  'backups.delete': { input: BackupTargetInput, output: BackupOutcome }
} as const
