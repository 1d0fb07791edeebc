// elizon's SSH keys behind the SSH-keys port: GET/POST /ssh-keys, DELETE
// /ssh-keys/:id, and POST /ssh-keys/generate (the private key is returned once).
import { z } from 'zod'
import type { ProviderSshKey, SshKeyOperations } from '../../ssh-keys/ssh-key-operations'
import { readItems } from './elizon-items'
import { elizonRequest } from './elizon-request'
import { pathOf } from '../paths'

const KeyBody = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  publicKey: z.string(),
  createdAt: z.string().nullable().optional()
})

export const elizonSshKeys: SshKeyOperations = {
  async list(ctx) {
    const { sshKeys } = await elizonRequest(ctx, 'GET', '/ssh-keys', z.object({ sshKeys: z.array(z.unknown()) }))
    // A key whose name or date is odd is still listed (the key itself must read: it is what is matched).
    return readItems(sshKeys, KeyBody, toKey, (id) => ({ name: `key ${id}`, createdAt: null }))
  },
  async add(ctx, name, publicKey) {
    return toKey((await elizonRequest(ctx, 'POST', '/ssh-keys', z.object({ sshKey: KeyBody }), { name, publicKey })).sshKey)
  },
  async delete(ctx, id) {
    await elizonRequest(ctx, 'DELETE', pathOf`/ssh-keys/${id}`, z.object({}).loose())
  },
  async generate(ctx, name) {
    const body = await elizonRequest(ctx, 'POST', '/ssh-keys/generate', z.object({ sshKey: KeyBody, privateKey: z.string().min(1) }), { name })
    return { key: toKey(body.sshKey), privateKey: body.privateKey }
  }
}

function toKey(k: z.output<typeof KeyBody>): ProviderSshKey {
  return { id: k.id, name: k.name, publicKey: k.publicKey, createdAt: k.createdAt ?? null }
}
