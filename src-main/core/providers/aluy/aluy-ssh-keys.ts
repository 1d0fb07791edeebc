// aluy's SSH keys behind the SSH-keys port: GET/POST /ssh-keys, DELETE /ssh-keys/:id.
// Ids are VirtFusion's numeric ids; they travel as text above the adapter.
import { z } from 'zod'
import { FlotillaError } from '../../../shared/errors'
import type { ProviderSshKey, SshKeyOperations } from '../../ssh-keys/ssh-key-operations'
import { aluyRequest } from './aluy-request'
import { pathOf } from '../paths'
import { getAluyList } from './aluy-lists'
import { parseItems } from '../parse-items'

const KeyBody = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  name: z.string(),
  publicKey: z.string(),
  createdAt: z.string().nullable().optional()
})

const LenientKey = z.object({
  id: KeyBody.shape.id,
  name: z.string().optional().catch(undefined),
  publicKey: z.string().optional().catch(undefined),
  createdAt: z.string().nullable().optional().catch(null)
})

export const aluySshKeys: SshKeyOperations = {
  async list(ctx) {
    const { items } = await getAluyList(ctx, '/ssh-keys', 'sshKeys')
    // A key that does not fully read is listed with what could be read (its id at least).
    return parseItems(items, KeyBody, toKey, (raw) => {
      const k = LenientKey.safeParse(raw)
      return k.success ? { id: k.data.id, name: k.data.name ?? k.data.id, publicKey: k.data.publicKey ?? '', createdAt: k.data.createdAt ?? null } : null
    }).rows
  },
  async add(ctx, name, publicKey) {
    return toKey((await aluyRequest(ctx, 'POST', '/ssh-keys', z.object({ sshKey: KeyBody }), { name, publicKey })).sshKey)
  },
  async delete(ctx, id) {
    if (!/^\d+$/.test(id)) throw new FlotillaError('validation', 'aluy SSH key ids are numbers.')
    await aluyRequest(ctx, 'DELETE', pathOf`/ssh-keys/${id}`, z.object({ ok: z.boolean() }).loose())
  }
}

function toKey(k: z.output<typeof KeyBody>): ProviderSshKey {
  return { id: k.id, name: k.name, publicKey: k.publicKey, createdAt: k.createdAt ?? null }
}
