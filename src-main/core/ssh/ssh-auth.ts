// The ways of signing in, in the order a user expects: the OS agent, private
// key files (passphrase asked, or read from the keychain), keys Flotilla
// generated and still holds, then password and keyboard-interactive prompts.
// ssh2 asks for the next method each time one fails (its authHandler); each
// step here returns the method to try, or null to move on. Nothing runs before
// the host key has been accepted: ssh2 calls the auth handler only after its
// (asynchronous) hostVerifier said yes.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
// ssh2 is CommonJS: a default import works from Node's ESM loader and the bundle alike.
import ssh2, { type AnyAuthMethod, type AuthenticationType, type AuthHandlerMiddleware, type ParsedKey } from 'ssh2'
import type { SshPromptEvent } from '../../shared/contracts/ssh'
import type { Logger } from '../logging/logger'
import type { SecretStore } from '../secrets/secret-store'

const { utils } = ssh2

export type PromptRequest = Omit<SshPromptEvent, 'sessionId' | 'promptId'>
export type PromptAnswer = { readonly answers: readonly string[]; readonly remember: boolean } | null
export type Prompter = (request: PromptRequest) => Promise<PromptAnswer>

export interface AuthContext {
  readonly serverKey: string
  readonly user: string
  /** The agent ssh2 should use: a socket path, the Windows pipe, or 'pageant'; null for none. */
  readonly agent: string | null
  /** Key files to try, in order (an override first, then ~/.ssh defaults that exist). */
  readonly keyPaths: readonly string[]
  /** Private keys Flotilla generated and still holds in memory. */
  readonly heldKeys: readonly string[]
  readonly secrets: SecretStore
  readonly logger: Logger
  readonly prompt: Prompter
  /** Passphrases given this session, by key path (never written unless the user asked). */
  readonly passphrases: Map<string, string>
  /** Called with the method just offered, for the status line. */
  readonly onMethod: (method: string) => void
  /** The user cancelled a prompt: offer nothing more. */
  readonly cancelled: () => boolean
}

type Step = { readonly method: AuthenticationType; readonly run: () => Promise<AnyAuthMethod | null> }

/** Default private key files, as OpenSSH tries them. */
export function defaultKeyPaths(homeDir: string): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => join(homeDir, '.ssh', name))
}

export const passwordSecretId = (serverKey: string, user: string): string => `ssh-password:${serverKey}:${user}`
export const passphraseSecretId = (path: string): string => `ssh-passphrase:${path}`

/** ssh2's authHandler over the steps: each call offers the next allowed one. */
export function createAuthHandler(ctx: AuthContext): AuthHandlerMiddleware {
  const steps = buildSteps(ctx)
  return (left, _partial, next) => {
    // ssh2 takes `false` for "nothing left" (its types omit it); the first call has `left` null.
    const done = next as (m: AnyAuthMethod | false) => void
    void nextAllowed(steps, left as AuthenticationType[] | null, ctx).then(done, (e: unknown) => {
      ctx.logger.warn('ssh auth step failed', { error: (e as Error).message })
      done(false)
    })
  }
}

async function nextAllowed(steps: Step[], left: AuthenticationType[] | null, ctx: AuthContext): Promise<AnyAuthMethod | false> {
  for (let step = steps.shift(); step; step = steps.shift()) {
    if (ctx.cancelled()) return false
    if (left ? !left.includes(step.method) : step.method !== 'none') continue
    const method = await step.run()
    if (method && !ctx.cancelled()) {
      ctx.onMethod(method.type)
      return method
    }
  }
  return false
}

function buildSteps(ctx: AuthContext): Step[] {
  const username = ctx.user
  // 'none' first, as OpenSSH does: the server's answer lists the methods it allows, so
  // nothing is asked of the user for a method the server would refuse anyway.
  const steps: Step[] = [{ method: 'none', run: async () => ({ type: 'none', username }) }]
  if (ctx.agent) steps.push({ method: 'publickey', run: async () => ({ type: 'agent', username, agent: ctx.agent! }) })
  for (const path of ctx.keyPaths) steps.push({ method: 'publickey', run: () => keyFileMethod(ctx, path) })
  for (const key of ctx.heldKeys) steps.push({ method: 'publickey', run: async () => ({ type: 'publickey', username, key }) })
  steps.push({ method: 'password', run: () => storedPassword(ctx) })
  steps.push({ method: 'password', run: () => promptedPassword(ctx) })
  steps.push({ method: 'keyboard-interactive', run: async () => keyboardInteractive(ctx) })
  return steps
}

async function keyFileMethod(ctx: AuthContext, path: string): Promise<AnyAuthMethod | null> {
  const data = await readFile(path).catch(() => null)
  if (!data) return null
  const plain = utils.parseKey(data)
  if (!(plain instanceof Error)) return { type: 'publickey', username: ctx.user, key: data }
  if (!/passphrase/i.test(plain.message)) {
    ctx.logger.warn('ssh key file not usable', { path, reason: plain.message })
    return null
  }
  const passphrase = await passphraseFor(ctx, path, data)
  return passphrase === null ? null : { type: 'publickey', username: ctx.user, key: data, passphrase }
}

/** The session's, then the keychain's, then the user's answer; asked again once if wrong. */
async function passphraseFor(ctx: AuthContext, path: string, data: Buffer): Promise<string | null> {
  const known = ctx.passphrases.get(path) ?? (await ctx.secrets.get(passphraseSecretId(path)).catch(() => null))
  if (known !== null && known !== undefined && opens(data, known)) return keep(ctx, path, known)
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = await ctx.prompt({
      kind: 'passphrase',
      user: ctx.user,
      name: path,
      instructions: attempt > 0 ? 'wrong-passphrase' : '',
      prompts: [{ prompt: 'Passphrase', echo: false }],
      canRemember: true
    })
    const given = answer?.answers[0]
    if (given === undefined) return null
    if (!opens(data, given)) continue
    if (answer?.remember) await ctx.secrets.set(passphraseSecretId(path), given)
    return keep(ctx, path, given)
  }
  return null
}

function keep(ctx: AuthContext, path: string, passphrase: string): string {
  ctx.logger.registerSecret(passphrase)
  ctx.passphrases.set(path, passphrase)
  return passphrase
}

function opens(data: Buffer, passphrase: string): boolean {
  const parsed: ParsedKey | Error = utils.parseKey(data, passphrase)
  return !(parsed instanceof Error)
}

async function storedPassword(ctx: AuthContext): Promise<AnyAuthMethod | null> {
  const password = await ctx.secrets.get(passwordSecretId(ctx.serverKey, ctx.user)).catch(() => null)
  if (!password) return null
  ctx.logger.registerSecret(password)
  return { type: 'password', username: ctx.user, password }
}

async function promptedPassword(ctx: AuthContext): Promise<AnyAuthMethod | null> {
  const answer = await ctx.prompt({
    kind: 'password',
    user: ctx.user,
    name: '',
    instructions: '',
    prompts: [{ prompt: 'Password', echo: false }],
    canRemember: true
  })
  const password = answer?.answers[0]
  if (password === undefined || password === '') return null
  ctx.logger.registerSecret(password)
  // Stored before the server answered: a wrong password is replaced the next time it is given.
  if (answer?.remember) await ctx.secrets.set(passwordSecretId(ctx.serverKey, ctx.user), password)
  return { type: 'password', username: ctx.user, password }
}

function keyboardInteractive(ctx: AuthContext): AnyAuthMethod {
  return {
    type: 'keyboard-interactive',
    username: ctx.user,
    prompt(name, instructions, _lang, prompts, finish) {
      if (prompts.length === 0) return finish([])
      void ctx
        .prompt({
          kind: 'keyboard-interactive',
          user: ctx.user,
          name,
          instructions,
          prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo === true })),
          canRemember: false
        })
        .then((answer) => {
          for (const a of answer?.answers ?? []) if (a) ctx.logger.registerSecret(a)
          finish(answer ? [...answer.answers] : prompts.map(() => ''))
        })
    }
  }
}
