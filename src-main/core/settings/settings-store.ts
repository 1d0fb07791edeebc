// User preferences (language, theme) in userData/settings.json.
import { join } from 'node:path'
import { Settings } from '../../shared/contract'
import type { AppWarning } from '../../shared/domain'
import { setAsideWarning } from '../storage/file-warning'
import { readJsonFile, writeJsonAtomic } from '../storage/json-file'
import { SerialQueue } from '../storage/serial-queue'

const DEFAULTS: Settings = { locale: 'system', theme: 'system' }

export class SettingsStore {
  private current: Settings = { ...DEFAULTS }
  private readonly path: string
  /** Each patch applies to the result of the one before: two saves at once keep both changes. */
  private readonly writes = new SerialQueue()

  constructor(userDataDir: string) {
    this.path = join(userDataDir, 'settings.json')
  }

  async load(): Promise<AppWarning | null> {
    const read = await readJsonFile(this.path, Settings)
    if (read.status === 'ok') this.current = read.value
    const code = read.status === 'unreadable' && read.movedTo === null ? 'settings-file-unreadable' : 'settings-file-corrupt'
    return setAsideWarning(code, 'settings.json', read, 'the default settings are used.')
  }

  get(): Settings {
    return { ...this.current }
  }

  set(patch: Partial<Settings>): Promise<Settings> {
    return this.writes.run(async () => {
      const next = { ...this.current, ...patch }
      await writeJsonAtomic(this.path, next)
      this.current = next
      return this.get()
    })
  }
}
