// GET/POST /ssh-keys, DELETE /ssh-keys/:id (numeric VirtFusion ids).
import { asRecord, readJson, trimmedString } from '../../core/body'
import { isoAt } from '../../core/paging'
import { json } from '../../core/reply'
import { fail, type AluyRouter } from '../context'

const OPENSSH_KEY = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/

export function registerSshKeyRoutes(router: AluyRouter): void {
  router.get('/ssh-keys', ({ account }) => json(200, { sshKeys: account.sshKeys }))

  router.post('/ssh-keys', async ({ req, account, state }) => {
    const body = await readJson(req)
    const input = asRecord(body.ok ? body.value : undefined)
    const name = trimmedString(input.name)
    if (!name || name.length > 120) return fail(400, 'Name is required (max 120 characters)')
    const publicKey = trimmedString(input.publicKey)
    if (!publicKey || !OPENSSH_KEY.test(publicKey)) return fail(400, 'Public key must be a valid OpenSSH key')
    if (account.sshKeys.some((k) => k.publicKey === publicKey)) return fail(502, 'This SSH key is already registered')
    const key = { id: state.nextSshKeyId(), name, publicKey, type: 'OpenSSH' as const, enabled: true, createdAt: isoAt(Date.now()) }
    account.sshKeys.push(key)
    const { enabled: _enabled, ...created } = key
    return json(201, { sshKey: created })
  })

  router.delete('/ssh-keys/:id', ({ params, account }) => {
    const raw = params.id ?? ''
    const id = /^\d+$/.test(raw) ? Number(raw) : NaN
    if (!(id > 0)) return fail(400, 'id must be a positive integer')
    const index = account.sshKeys.findIndex((k) => k.id === id)
    if (index < 0) return fail(404, 'SSH key not found')
    account.sshKeys.splice(index, 1)
    return json(200, { ok: true, id })
  })
}
