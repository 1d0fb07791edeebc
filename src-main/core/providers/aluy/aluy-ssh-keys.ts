// aluy's SSH keys behind the SSH-keys port: GET/POST /ssh-keys, DELETE /ssh-keys/:id.
// Ids are VirtFusion's numeric ids; they travel as text above the adapter.
import { z } from 'zod'
import { FlotillaError } from '../../../shared/errors'
import type { ProviderSshKey, SshKeyOperations } from '../../ssh-keys/ssh-key-operations'
import { aluyRequest } from './aluy-request'
import { pathOf } from '../paths'

const KeyBody = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  name: z.string(),
  publicKey: z.string(),
  createdAt: z.string().nullable().optional()
})

export const aluySshKeys: SshKeyOperations = {
  async list(ctx) {
    return (await aluyRequest(ctx, 'GET', '/ssh-keys', z.object({ sshKeys: z.array(KeyBody) }))).sshKeys.map(toKey)
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
