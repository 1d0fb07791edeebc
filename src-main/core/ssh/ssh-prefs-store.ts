// SSH preferences in userData/ssh-prefs.json (atomic): default user per account,
// keepalive interval, scrollback, copy on select.
import { join } from 'node:path'
import { z } from 'zod'
import { DEFAULT_SSH_PREFS, SshPrefs } from '../../shared/contracts/ssh'
import type { Logger } from '../logging/logger'
import { readJsonFile, writeJsonAtomic } from '../storage/json-file'

const PrefsFile = z.object({ version: z.literal(1), prefs: SshPrefs })

export class SshPrefsStore {
  private prefs: SshPrefs = DEFAULT_SSH_PREFS
  private readonly path: string

  constructor(userDataDir: string, private readonly logger: Logger) {
    this.path = join(userDataDir, 'ssh-prefs.json')
  }

  async load(): Promise<void> {
    const read = await readJsonFile(this.path, PrefsFile).catch(() => null)
    if (read?.status === 'ok') this.prefs = read.value.prefs
    if (read?.status === 'corrupt') this.logger.warn('ssh prefs set aside', { movedTo: read.movedTo })
  }

  get(): SshPrefs {
    return this.prefs
  }

  async set(patch: Partial<SshPrefs>): Promise<SshPrefs> {
    this.prefs = { ...this.prefs, ...patch }
    await writeJsonAtomic(this.path, { version: 1, prefs: this.prefs })
    return this.prefs
  }
}
