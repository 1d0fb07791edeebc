// SSH terminals through main's real core against a real OpenSSH server and a
// real ssh-agent on 127.0.0.1: every way of signing in, wrong credentials, the
// host-key prompt (no credential leaves before the answer), a changed host key
// blocked until explicitly replaced, and a server that drops the connection.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SshHostKeyEvent, SshOpened, SshPromptEvent, SshStateEvent } from '../../src-main/shared/contracts/ssh'
import type { FleetSnapshot } from '../../src-main/shared/domain'
import { startElizonSimulator, type ElizonSimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { startSshdPeer, type SshdMethod, type SshdPeer } from '../support/sshd-peer'
import { addAccount } from './fleet-support'

let elizon: ElizonSimulator
const peers: SshdPeer[] = []
const cleanups: Array<() => Promise<void>> = []

beforeAll(async () => {
  elizon = await startElizonSimulator({ seed: 15, accounts: 1, serversPerAccount: 2 })
})
afterAll(async () => {
  await elizon.close()
})
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
  for (const p of peers.splice(0)) await p.stop()
})

interface Rig {
  readonly fx: CoreFixture
  readonly peer: SshdPeer
  readonly key: string
  readonly events: Array<{ event: string; payload: unknown }>
  /** The next event of a kind (already received or still to come). */
  next<T>(event: string, pred?: (p: T) => boolean, timeoutMs?: number): Promise<T>
  output(sessionId: string): string
}

async function rig(methods: SshdMethod[], opts: { agent?: boolean; keyPath?: 'passphrase' } = {}): Promise<Rig> {
  const peer = await startSshdPeer({ methods })
  peers.push(peer)
  const home = await mkdtemp(join(tmpdir(), 'flotilla-home-'))
  const fx = await makeCoreFixture({
    ssh: { options: { homeDir: home, env: opts.agent ? { SSH_AUTH_SOCK: peer.agentSock } : {}, platform: 'linux', connectTimeoutMs: 5000 } }
  })
  cleanups.push(async () => {
    await fx.cleanup()
    await rm(home, { recursive: true, force: true })
  })
  const events: Array<{ event: string; payload: unknown }> = []
  const waiters: Array<() => void> = []
  fx.core.onEvent((event, payload) => {
    if (!event.startsWith('ssh.')) return
    events.push({ event, payload })
    for (const w of waiters.splice(0)) w()
  })
  await addAccount(fx, elizon, 0)
  const snapshot = unwrap(await fx.dispatch('fleet.refresh', undefined)) as FleetSnapshot
  const key = snapshot.servers[0]!.key
  const override = {
    address: '127.0.0.1',
    port: peer.port,
    user: peer.user,
    ...(opts.keyPath ? { keyPath: peer.keyWithPassphrase.path } : {})
  }
  unwrap(await fx.dispatch('ssh.setOverride', { serverKey: key, override }))
  const seen = new Set<number>()
  return {
    fx,
    peer,
    key,
    events,
    next<T>(event: string, pred: (p: T) => boolean = () => true, timeoutMs = 15_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms; saw ${JSON.stringify(events.map((e) => e.event))}`)), timeoutMs)
        const look = (): void => {
          const i = events.findIndex((e, n) => !seen.has(n) && e.event === event && pred(e.payload as T))
          if (i < 0) return void waiters.push(look)
          seen.add(i)
          clearTimeout(timer)
          resolve(events[i]!.payload as T)
        }
        look()
      })
    },
    output(sessionId) {
      return events
        .filter((e) => e.event === 'ssh.output' && (e.payload as { sessionId: string }).sessionId === sessionId)
        .map((e) => Buffer.from((e.payload as { data: string }).data, 'base64').toString('utf8'))
        .join('')
    }
  }
}

async function open(r: Rig): Promise<SshOpened> {
  return unwrap(await r.fx.dispatch('ssh.open', { serverKey: r.key, cols: 100, rows: 30 })) as SshOpened
}

async function acceptHostKey(r: Rig, s: SshOpened): Promise<SshHostKeyEvent> {
  const hk = await r.next<SshHostKeyEvent>('ssh.hostKey')
  unwrap(await r.fx.dispatch('ssh.answerHostKey', { sessionId: s.sessionId, accept: true }))
  return hk
}

async function answer(r: Rig, s: SshOpened, kind: SshPromptEvent['kind'], answers: string[], remember = false): Promise<SshPromptEvent> {
  const p = await r.next<SshPromptEvent>('ssh.prompt', (e) => e.kind === kind)
  unwrap(await r.fx.dispatch('ssh.answerPrompt', { sessionId: s.sessionId, promptId: p.promptId, answers, remember }))
  return p
}

async function runs(r: Rig, s: SshOpened, command: string, expected: string): Promise<void> {
  await r.next<SshStateEvent>('ssh.state', (e) => e.state === 'ready')
  unwrap(await r.fx.dispatch('ssh.input', { sessionId: s.sessionId, data: `${command}\r` }))
  const deadline = Date.now() + 10_000
  while (!r.output(s.sessionId).includes(expected)) {
    if (Date.now() > deadline) throw new Error(`no "${expected}" in: ${r.output(s.sessionId)}`)
    await new Promise((ok) => setTimeout(ok, 25))
  }
}

describe('SSH sign-in against a real sshd', () => {
  it('password: the fingerprint is asked first and no credential reaches sshd before the answer', async () => {
    const r = await rig(['password'])
    const s = await open(r)
    const hk = await r.next<SshHostKeyEvent>('ssh.hostKey')
    expect(hk).toMatchObject({ kind: 'new', keyType: 'ssh-ed25519', host: '127.0.0.1', port: r.peer.port, pinnedFingerprint: null })
    expect(hk.fingerprint).toBe(await r.peer.hostKeyFingerprint())
    // While the prompt is open: no password prompt raised, and sshd saw no sign-in request at all.
    await new Promise((ok) => setTimeout(ok, 400))
    expect(r.events.some((e) => e.event === 'ssh.prompt')).toBe(false)
    expect(await r.peer.log()).not.toMatch(/userauth-request/)
    unwrap(await r.fx.dispatch('ssh.answerHostKey', { sessionId: s.sessionId, accept: true }))
    await answer(r, s, 'password', [r.peer.password!])
    await runs(r, s, 'echo "sum=$((40+2))"', 'sum=42')
    expect(await r.peer.log()).toMatch(/Accepted password for/)
    // The password never reaches the log file.
    expect(await readFile(r.fx.logFile, 'utf8').catch(() => '')).not.toContain(r.peer.password!)
  })

  it('keyboard-interactive: the server prompt is relayed and answered', async () => {
    const r = await rig(['keyboard-interactive'])
    const s = await open(r)
    await acceptHostKey(r, s)
    const p = await answer(r, s, 'keyboard-interactive', [r.peer.password!])
    expect(p.prompts[0]).toMatchObject({ echo: false })
    expect(p.prompts[0]!.prompt).toMatch(/password/i)
    await runs(r, s, 'echo kbd-$((6*7))', 'kbd-42')
  })

  it('a private key file with a passphrase: asked once, kept for the session, reconnect needs no prompt', async () => {
    const r = await rig(['publickey'], { keyPath: 'passphrase' })
    const s = await open(r)
    await acceptHostKey(r, s)
    const p = await answer(r, s, 'passphrase', ['wrong-one'])
    expect(p.name).toBe(r.peer.keyWithPassphrase.path)
    const again = await answer(r, s, 'passphrase', [r.peer.keyWithPassphrase.passphrase])
    expect(again.instructions).toBe('wrong-passphrase')
    await runs(r, s, 'echo key-$((7*6))', 'key-42')
    expect(await r.peer.log()).toMatch(/Accepted publickey for/)
    // Not stored in the keychain (the box was not ticked).
    expect(await r.fx.secrets.get(`ssh-passphrase:${r.peer.keyWithPassphrase.path}`)).toBeNull()
  })

  it('the ssh-agent is tried first and signs in with no prompt', async () => {
    const r = await rig(['publickey'], { agent: true })
    const s = await open(r)
    await acceptHostKey(r, s)
    await runs(r, s, 'echo agent-$((21*2))', 'agent-42')
    expect(r.events.some((e) => e.event === 'ssh.prompt')).toBe(false)
  })

  it('a server without a user override signs in as its account’s default user', async () => {
    const r = await rig(['publickey'], { agent: true })
    const snapshot = unwrap(await r.fx.dispatch('fleet.get', undefined)) as FleetSnapshot
    const accountId = snapshot.servers[0]!.accountId
    unwrap(await r.fx.dispatch('ssh.setOverride', { serverKey: r.key, override: { address: '127.0.0.1', port: r.peer.port } }))
    expect(unwrap(await r.fx.dispatch('ssh.target', { serverKey: r.key }))).toMatchObject({ user: 'root', accountDefaultUser: null })
    unwrap(await r.fx.dispatch('ssh.setPrefs', { defaultUsers: { [accountId]: r.peer.user } }))
    const s = await open(r)
    expect(s.user).toBe(r.peer.user)
    await acceptHostKey(r, s)
    await runs(r, s, 'id -un', r.peer.user)
  })

  it('wrong credentials end in a clear auth-failed state', async () => {
    const r = await rig(['password'])
    const s = await open(r)
    await acceptHostKey(r, s)
    await answer(r, s, 'password', ['not-the-password'])
    const failed = await r.next<SshStateEvent>('ssh.state', (e) => e.state === 'failed', 30_000)
    expect(failed.code).toBe('auth-failed')
    expect(failed.message).toContain(r.peer.user)
    expect(failed.message).not.toContain('not-the-password')
  })

  it('a changed host key is blocked; a plain accept does not replace it, "replace" does', async () => {
    const r = await rig(['publickey'], { agent: true })
    const first = await open(r)
    await acceptHostKey(r, first)
    await runs(r, first, 'echo one', 'one')
    unwrap(await r.fx.dispatch('ssh.close', { sessionId: first.sessionId }))
    const pinned = await r.peer.hostKeyFingerprint()
    await r.peer.rotateHostKey()
    const logBefore = (await r.peer.log()).length

    const s = await open(r)
    const hk = await r.next<SshHostKeyEvent>('ssh.hostKey')
    expect(hk).toMatchObject({ kind: 'changed', pinnedFingerprint: pinned, pinnedFrom: 'flotilla', reinstalledAt: null })
    expect(hk.fingerprint).toBe(await r.peer.hostKeyFingerprint())
    unwrap(await r.fx.dispatch('ssh.answerHostKey', { sessionId: s.sessionId, accept: true }))
    const blocked = await r.next<SshStateEvent>('ssh.state', (e) => e.state === 'failed')
    expect(blocked.code).toBe('host-key-changed')
    expect((await r.peer.log()).slice(logBefore)).not.toMatch(/userauth-request/)

    const again = unwrap(await r.fx.dispatch('ssh.reconnect', { sessionId: s.sessionId, cols: 80, rows: 24 })) as SshOpened
    await r.next<SshHostKeyEvent>('ssh.hostKey', (e) => e.kind === 'changed')
    unwrap(await r.fx.dispatch('ssh.answerHostKey', { sessionId: again.sessionId, accept: true, replace: true }))
    await runs(r, again, 'echo replaced', 'replaced')
  })

  it('the server dropping the connection is reported, and reconnect opens a new shell', async () => {
    const r = await rig(['publickey'], { agent: true })
    const s = await open(r)
    await acceptHostKey(r, s)
    await runs(r, s, 'echo up', 'up')
    await r.peer.dropConnections()
    const closed = await r.next<SshStateEvent>('ssh.state', (e) => e.state === 'closed')
    expect(closed.code).toBe('closed-by-server')
    unwrap(await r.fx.dispatch('ssh.reconnect', { sessionId: s.sessionId, cols: 80, rows: 24 }))
    await runs(r, s, 'echo back-again', 'back-again')
  })
})
