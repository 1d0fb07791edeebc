// User preferences (language, theme) in userData/settings.json.
import { join } from 'node:path'
import { Settings } from '../../shared/contract'
import type { AppWarning } from '../../shared/domain'
import { readJsonFile, writeJsonAtomic } from '../storage/json-file'

const DEFAULTS: Settings = { locale: 'system', theme: 'system' }

export class SettingsStore {
  private current: Settings = { ...DEFAULTS }
  private readonly path: string

  constructor(userDataDir: string) {
    this.path = join(userDataDir, 'settings.json')
  }

  async load(): Promise<AppWarning | null> {
    const read = await readJsonFile(this.path, Settings)
    if (read.status === 'ok') this.current = read.value
    if (read.status !== 'corrupt') return null
    return {
      code: 'settings-file-corrupt',
      message: `settings.json could not be read and was kept as ${read.movedTo}; the defaults are used.`,
      path: read.movedTo
    }
  }

  get(): Settings {
    return { ...this.current }
  }

  async set(patch: Partial<Settings>): Promise<Settings> {
    const next = { ...this.current, ...patch }
    await writeJsonAtomic(this.path, next)
    this.current = next
    return this.get()
  }
}
