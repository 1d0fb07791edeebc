// Local tags, notes and favourites per server key, in userData/server-meta.json.
// Kept on this machine only: nothing here is ever sent to a provider.
import { join } from 'node:path'
import { z } from 'zod'
import { ServerMeta, type SetMetaInput, type ServerMetaMap } from '../../shared/contracts/fleet'
import type { Logger } from '../logging/logger'
import type { AppWarning } from '../../shared/domain'
import { setAsideWarning } from '../storage/file-warning'
import { readJsonFile, writeJsonAtomic } from '../storage/json-file'

const MetaFile = z.object({ version: z.literal(1), servers: z.record(z.string(), ServerMeta) })
const EMPTY: ServerMeta = { tags: [], note: '', favourite: false }

export class MetaStore {
  private meta = new Map<string, ServerMeta>()
  private readonly path: string
  private saving: Promise<void> = Promise.resolve()

  constructor(userDataDir: string, private readonly logger: Logger) {
    this.path = join(userDataDir, 'server-meta.json')
  }

  /** A damaged file is set aside and the user told that tags, notes and favourites start empty. */
  async load(onWarning?: (warning: AppWarning) => void): Promise<void> {
    const read = await readJsonFile(this.path, MetaFile).catch(() => null)
    if (read?.status === 'ok') this.meta = new Map(Object.entries(read.value.servers))
    const warning = read && setAsideWarning('server-meta-reset', 'server-meta.json', read, 'local tags, notes and favourites start empty.')
    if (!warning) return
    this.logger.warn('server meta set aside', { movedTo: warning.path ?? null })
    onWarning?.(warning)
  }

  get(keys?: readonly string[]): ServerMetaMap {
    const out: ServerMetaMap = {}
    for (const key of keys ?? this.meta.keys()) {
      const m = this.meta.get(key)
      if (m) out[key] = m
    }
    return out
  }

  /** Applies one change to every key; returns the new meta of those keys. */
  async set(input: z.output<typeof SetMetaInput>): Promise<ServerMetaMap> {
    for (const key of input.keys) this.store(key, applyChange(this.meta.get(key) ?? EMPTY, input))
    this.saving = this.saving.then(() => this.save())
    await this.saving
    return this.get(input.keys)
  }

  /** retry-provision moved a server to a new key: its tags and note follow. */
  async rename(from: string, to: string): Promise<void> {
    const m = this.meta.get(from)
    if (!m) return
    this.meta.delete(from)
    this.meta.set(to, m)
    this.saving = this.saving.then(() => this.save())
    await this.saving
  }

  private store(key: string, m: ServerMeta): void {
    if (m.tags.length === 0 && m.note === '' && !m.favourite && !hasOverride(m)) this.meta.delete(key)
    else this.meta.set(key, m)
  }

  private async save(): Promise<void> {
    await writeJsonAtomic(this.path, { version: 1, servers: Object.fromEntries(this.meta) })
  }
}

function applyChange(current: ServerMeta, input: z.output<typeof SetMetaInput>): ServerMeta {
  let tags = input.tags ?? current.tags
  if (input.addTags) tags = [...tags, ...input.addTags.filter((t) => !tags.includes(t))]
  if (input.removeTags) tags = tags.filter((t) => !input.removeTags?.includes(t))
  return {
    tags: [...new Set(tags)].slice(0, 50),
    note: input.note ?? current.note,
    favourite: input.favourite ?? current.favourite,
    ...sshOf(input.ssh ?? current.ssh)
  }
}

/** SSH overrides (issue 15): kept only when at least one field is set. */
function sshOf(ssh: ServerMeta['ssh']): Pick<ServerMeta, 'ssh'> {
  const set = Object.fromEntries(Object.entries(ssh ?? {}).filter(([, v]) => v !== undefined && v !== ''))
  return Object.keys(set).length > 0 ? { ssh: set } : {}
}

function hasOverride(m: ServerMeta): boolean {
  return m.ssh !== undefined && Object.keys(m.ssh).length > 0
}
