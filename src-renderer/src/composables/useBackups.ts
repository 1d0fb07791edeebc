// One server's backups in the detail view: the list, and create / restore /
// delete each with its own busy flag and the API's own words when it fails
// (keyed `create`, `restore:<id>`, `delete:<id>`). While the provider is still
// creating or restoring one, the list is read again every few seconds.
import { onBeforeUnmount, ref } from 'vue'
import { backupBusy, type ServerBackup } from '@shared/contracts/backups'
import { call } from '../api/client'
import { useTasks } from './useTasks'

const POLL_MS = 3000

export type BackupTask = 'create' | `restore:${string}` | `delete:${string}`

export function useBackups(serverKey: () => string) {
  const { pending, errors, describe, run } = useTasks<BackupTask>()
  const backups = ref<ServerBackup[]>([])
  const loading = ref(false)
  const loadError = ref<string | null>(null)
  /** The last change's confirmation, for a status line. */
  const done = ref<{ task: BackupTask; message: string | null } | null>(null)
  let poll: ReturnType<typeof setTimeout> | undefined

  async function load(): Promise<void> {
    clearTimeout(poll)
    loading.value = true
    loadError.value = null
    const key = serverKey()
    try {
      const list = await call('backups.list', { key })
      // The drawer may have moved to another server meanwhile.
      if (key !== serverKey()) return
      backups.value = list.backups
      if (list.backups.some((b) => backupBusy(b.status))) poll = setTimeout(() => void load(), POLL_MS)
    } catch (error) {
      loadError.value = describe(error)
    } finally {
      loading.value = false
    }
  }

  /** Resolves true when the provider accepted it; on failure its words are in `errors[task]`. */
  async function runTask(task: BackupTask, work: () => Promise<{ message: string | null }>): Promise<boolean> {
    done.value = null
    const outcome = await run(task, work)
    if (outcome === null) return false
    done.value = { task, message: outcome.message }
    void load()
    return true
  }

  const create = (name: string) => runTask('create', () => call('backups.create', { key: serverKey(), name }))
  const restore = (backupId: string) => runTask(`restore:${backupId}`, () => call('backups.restore', { key: serverKey(), backupId }))
  const remove = (backupId: string) => runTask(`delete:${backupId}`, () => call('backups.delete', { key: serverKey(), backupId }))

  onBeforeUnmount(() => clearTimeout(poll))

  return { backups, loading, loadError, pending, errors, done, load, create, restore, remove }
}
