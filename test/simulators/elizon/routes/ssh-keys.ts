// SSH keys (shapes agreed for the simulator):
//   K = { id, name, publicKey, fingerprint: "SHA256:…", createdAt }
//   GET    /ssh-keys                     → { success, sshKeys: [K] }
//   POST   /ssh-keys {name, publicKey}   → 201 { success, sshKey: K }   (400 validationErrors; 409-free: duplicates are 400)
//   PATCH  /ssh-keys/:id {name}          → { success, sshKey: K }
//   DELETE /ssh-keys/:id                 → { success, message }
//   POST   /ssh-keys/generate {name}     → 201 { success, sshKey: K, privateKey: PEM (PKCS#8, shown once) }
import { generateKeyPairSync } from 'node:crypto'
import { asRecord, readJson, trimmedString } from '../../core/body'
import { fail, invalid, notFound, ok, type ElizonRouter } from '../context'
import { makeSshKey } from '../seed'

const OPENSSH_KEY = /^(ssh-(ed25519|rsa)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+={0,3}( .*)?$/

export function registerSshKeyRoutes(router: ElizonRouter): void {
  router.get('/ssh-keys', ({ account }) => ok({ sshKeys: account.sshKeys }))

  router.post('/ssh-keys/generate', async ({ req, account, state }) => {
    const body = await readJson(req)
    const name = trimmedString(asRecord(body.ok ? body.value : undefined).name)
    if (!name || name.length > 100) return invalid('name must be 1-100 characters')
    const { publicKey, privateKey } = ed25519Pair(name)
    const key = makeSshKey(state, name, publicKey, Date.now())
    account.sshKeys.push(key)
    return ok({ sshKey: key, privateKey }, 201)
  })

  router.post('/ssh-keys', async ({ req, account, state }) => {
    const body = await readJson(req)
    const input = asRecord(body.ok ? body.value : undefined)
    const name = trimmedString(input.name)
    const publicKey = trimmedString(input.publicKey)
    const errors = [...(name && name.length <= 100 ? [] : ['name must be 1-100 characters']), ...(publicKey && OPENSSH_KEY.test(publicKey) ? [] : ['publicKey must be an OpenSSH public key'])]
    if (errors.length || !name || !publicKey) return invalid(...errors)
    if (account.sshKeys.some((k) => k.publicKey === publicKey)) return fail(400, 'This key already exists', { errorKey: 'DUPLICATE' })
    const key = makeSshKey(state, name, publicKey, Date.now())
    account.sshKeys.push(key)
    return ok({ sshKey: key }, 201)
  })

  router.patch('/ssh-keys/:id', async ({ req, params, account }) => {
    const key = account.sshKeys.find((k) => k.id === params.id)
    if (!key) return notFound()
    const body = await readJson(req)
    const name = trimmedString(asRecord(body.ok ? body.value : undefined).name)
    if (!name || name.length > 100) return invalid('name must be 1-100 characters')
    key.name = name
    return ok({ sshKey: key })
  })

  router.delete('/ssh-keys/:id', ({ params, account }) => {
    const index = account.sshKeys.findIndex((k) => k.id === params.id)
    if (index < 0) return notFound()
    account.sshKeys.splice(index, 1)
    return ok({ message: 'SSH key deleted' })
  })
}

/** A real ed25519 pair; the public half in OpenSSH wire format (string "ssh-ed25519" + string key). */
function ed25519Pair(comment: string): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
  const field = (b: Buffer): Buffer => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b])
  const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)])
  return {
    publicKey: `ssh-ed25519 ${blob.toString('base64')} ${comment.replace(/\s+/g, '-')}`,
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
  }
}
