// elizon's backups behind the fleet port (BackupOperations):
//   GET    /services/:id/backups              list
//   POST   /services/:id/backups              create
//   POST   /services/:id/backups/:backupId    restore
//   DELETE /services/:id/backups/:backupId    delete
// The public reference names these endpoints and the `backup` permission and
// nothing more, so every body below is an assumption, read tolerantly:
//  - Every answer is elizon's `{ success, ... }`; `success: false` is a failure
//    with `error` as the words (elizon-request.ts), like every other endpoint.
//  - The list is an array under `backups`, or under `data` (itself an array, or
//    an object holding `backups`). Anything else is `invalid-response` naming the
//    fields received, never their values.
//  - An entry's id is `id`, `uuid` or `backupId`, a string or a number (→ string);
//    an entry with none is skipped. Name: `name` or `label`. Time: `createdAt`,
//    `created_at` or `date`, an ISO string or epoch seconds / milliseconds.
//    Size in bytes: `sizeBytes`, `size` or `bytes` (a number or a numeric string).
//    Status: `status` or `state` (lower-cased). Locked: `locked` or `is_locked`.
//    Unknown fields are ignored.
//  - Create sends `{}`, or `{ name }` when the user gave one, and may answer the
//    new backup under `backup` or `data`; restore and delete send no body. Their
//    `message`, if any, is shown to the user.
//  - 404 (unknown backup), 409 (a backup or restore already running) and 403
//    (the key lacks `backup`) arrive as HTTP errors with elizon's `error` text.
//  - The download endpoint (Pterodactyl only) is not used.
// Nothing here is retried except the list (a GET): restore and delete destroy data.
import { z } from 'zod'
import type { ServerBackup } from '../../../shared/contracts/backups'
import type { Server } from '../../../shared/domain'
import type { BackupChange, BackupOperations } from '../../servers/server-operations'
import type { AccountContext } from '../provider-adapter'
import { asRecord, messageOf, sendTolerant, tolerantList } from './elizon-tolerant'
import { pathOf } from '../paths'

const Id = z.union([z.string().trim().min(1), z.number().finite()]).transform(String)
const Text = z.string().trim().min(1)
const Time = z.union([z.string(), z.number().finite()])
const Size = z.union([z.number().finite().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)])
const Word = z.string().trim().min(1)

/** One entry, every field optional and checked on its own: a wrong type drops that field, not the entry. */
const Entry = z
  .object({
    id: Id.optional().catch(undefined),
    uuid: Id.optional().catch(undefined),
    backupId: Id.optional().catch(undefined),
    name: Text.optional().catch(undefined),
    label: Text.optional().catch(undefined),
    createdAt: Time.optional().catch(undefined),
    created_at: Time.optional().catch(undefined),
    date: Time.optional().catch(undefined),
    sizeBytes: Size.optional().catch(undefined),
    size: Size.optional().catch(undefined),
    bytes: Size.optional().catch(undefined),
    status: Word.optional().catch(undefined),
    state: Word.optional().catch(undefined),
    locked: z.boolean().optional().catch(undefined),
    is_locked: z.boolean().optional().catch(undefined)
  })
  .loose()
type Entry = z.output<typeof Entry>

export const elizonBackups: BackupOperations = {
  list: listBackups,
  create: createBackup,
  restore: restoreBackup,
  delete: deleteBackup
}

async function listBackups(ctx: AccountContext, server: Server): Promise<ServerBackup[]> {
  const body = await sendTolerant(ctx, 'GET', backupsPath(server))
  return parseBackupList(body, ctx.accountId)
}

async function createBackup(ctx: AccountContext, server: Server, name: string | undefined): Promise<BackupChange> {
  const body = await sendTolerant(ctx, 'POST', backupsPath(server), name !== undefined ? { name } : {})
  const record = asRecord(body)
  const created = asRecord(record.backup ?? record.data)
  return { message: messageOf(record), backup: toBackup(created) }
}

async function restoreBackup(ctx: AccountContext, server: Server, backupId: string): Promise<BackupChange> {
  const body = await sendTolerant(ctx, 'POST', backupPath(server, backupId))
  return { message: messageOf(asRecord(body)), backup: null }
}

async function deleteBackup(ctx: AccountContext, server: Server, backupId: string): Promise<BackupChange> {
  const body = await sendTolerant(ctx, 'DELETE', backupPath(server, backupId))
  return { message: messageOf(asRecord(body)), backup: null }
}

// ---------------------------------------------------------------- reading the answers

/** The list body → backups; no array where one is expected, or only unusable entries, is `invalid-response`. */
export function parseBackupList(body: unknown, accountId: string): ServerBackup[] {
  return tolerantList(body, 'backups', { list: 'the backup list', unreadable: (n) => `${n} backup entries without an id` }, toBackup, accountId)
}

function toBackup(item: Record<string, unknown>): ServerBackup | null {
  const parsed = Entry.safeParse(item)
  if (!parsed.success) return null
  const e: Entry = parsed.data
  const id = e.id ?? e.uuid ?? e.backupId
  if (id === undefined) return null
  return {
    id,
    name: e.name ?? e.label ?? null,
    createdAt: isoTime(e.createdAt ?? e.created_at ?? e.date),
    sizeBytes: e.sizeBytes ?? e.size ?? e.bytes ?? null,
    status: (e.status ?? e.state)?.toLowerCase() ?? null,
    locked: e.locked ?? e.is_locked ?? false
  }
}

/** An ISO string as given (normalised), or epoch seconds / milliseconds; anything unreadable → null. */
function isoTime(value: string | number | undefined): string | null {
  if (value === undefined) return null
  const ms = typeof value === 'number' ? (value < 1e12 ? value * 1000 : value) : Date.parse(value)
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null
}

// ---------------------------------------------------------------- HTTP

function backupsPath(server: Server): string {
  return pathOf`/services/${server.id}/backups`
}

function backupPath(server: Server, backupId: string): string {
  return pathOf`/services/${server.id}/backups/${backupId}`
}

