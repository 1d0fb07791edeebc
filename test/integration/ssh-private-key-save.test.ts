// Saving an elizon-generated private key where the user chooses, through main's
// real core and the real save-dialog module (Electron's dialog replaced at its
// API surface by one that "chooses" a file in a temp folder): the file holds the
// key, is mode 0600, the renderer sends only the one-time id, main forgets the
// key once saved or discarded, and the key never reaches the log.
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSaveFile } from '../../src-main/electron/save-dialog'
import type { GeneratedKey } from '../../src-main/shared/contracts/ssh-keys'
import type { Account } from '../../src-main/shared/domain'
import { startElizonSimulator, type ElizonSimulator } from '../simulators/index'
import { makeCoreFixture, unwrap, type CoreFixture } from '../support/core-fixture'
import { fails } from './commerce-support'
import { addAccount } from './fleet-support'

let elizon: ElizonSimulator
let fx: CoreFixture
let harnessLike: CoreFixture
let account: Account
let harnessAccount: Account
let saveDir: string
/** What the fake dialog answers next: a file name in saveDir, or null for "Cancel". */
let choice: string | null = null
const offered: string[] = []

beforeAll(async () => {
  elizon = await startElizonSimulator({ seed: 67, accounts: 1, serversPerAccount: 1, invoicesPerAccount: 1 })
  saveDir = await mkdtemp(join(tmpdir(), 'flotilla-keys-'))
  const saveFile = createSaveFile({
    dialog: () => ({
      showSaveDialog: async (...args: unknown[]) => {
        const options = args.at(-1) as { defaultPath?: string }
        offered.push(options.defaultPath ?? '')
        return choice === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: join(saveDir, choice) }
      }
    }) as unknown as Pick<Electron.Dialog, 'showSaveDialog'>,
    window: () => undefined,
    defaultDir: () => saveDir
  })
  fx = await makeCoreFixture({ saveFile })
  account = await addAccount(fx, elizon, 0)
  harnessLike = await makeCoreFixture()
  harnessAccount = await addAccount(harnessLike, elizon, 0)
})
afterAll(async () => {
  await fx.cleanup()
  await harnessLike.cleanup()
  await elizon.close()
  await rm(saveDir, { recursive: true, force: true })
})

const generate = async (core: CoreFixture, name: string) =>
  unwrap(await core.dispatch('sshKeys.generate', { accountId: (core === fx ? account : harnessAccount).id, name })) as GeneratedKey
const save = async (saveId: string) => unwrap(await fx.dispatch('sshKeys.savePrivateKey', { saveId })) as { saved: boolean; path?: string }

describe('saving a generated private key', () => {
  it('writes exactly the key, mode 0600, where the dialog chose; then main forgets it', async () => {
    const generated = await generate(fx, 'laptop key')
    expect(generated.saveId).toMatch(/^[A-Za-z0-9_-]{16,64}$/)
    choice = 'id_ed25519_laptop'
    const result = await save(generated.saveId!)
    expect(result).toEqual({ saved: true, path: join(saveDir, 'id_ed25519_laptop') })
    const written = await readFile(join(saveDir, 'id_ed25519_laptop'), 'utf8')
    expect(written.trimEnd()).toBe(generated.privateKey.trimEnd())
    expect(written.endsWith('\n')).toBe(true)
    expect((await stat(join(saveDir, 'id_ed25519_laptop'))).mode & 0o777).toBe(0o600)
    expect(offered.at(-1)).toMatch(/id_[a-z0-9]+_laptop-key$/)
    expect((await readdir(saveDir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
    // Saved once: the one-time id is spent.
    expect(await fails(fx, 'sshKeys.savePrivateKey', { saveId: generated.saveId })).toMatchObject({ code: 'not-found' })
  })

  it('a cancelled dialog keeps the key held, so the user can choose again', async () => {
    const generated = await generate(fx, 'second')
    choice = null
    expect(await save(generated.saveId!)).toEqual({ saved: false })
    choice = 'second-key'
    expect(await save(generated.saveId!)).toMatchObject({ saved: true })
    expect((await stat(join(saveDir, 'second-key'))).mode & 0o777).toBe(0o600)
  })

  it('discarding forgets the key: it cannot be saved afterwards', async () => {
    const generated = await generate(fx, 'third')
    expect(unwrap(await fx.dispatch('sshKeys.discardPrivateKey', { saveId: generated.saveId }))).toEqual({ discarded: true })
    expect(unwrap(await fx.dispatch('sshKeys.discardPrivateKey', { saveId: generated.saveId }))).toEqual({ discarded: false })
    expect(await fails(fx, 'sshKeys.savePrivateKey', { saveId: generated.saveId })).toMatchObject({ code: 'not-found' })
  })

  it('no private key text reaches the log', async () => {
    const generated = await generate(fx, 'fourth')
    choice = 'fourth-key'
    await save(generated.saveId!)
    await fx.logger.flush()
    const log = await readFile(fx.logFile, 'utf8') // a missing log is a failure, not an empty one
    const body = generated.privateKey.split('\n').filter((l) => l.length > 0 && !l.startsWith('-----'))
    expect(body.length).toBeGreaterThan(0)
    for (const line of body) expect(log).not.toContain(line)
  })

  it('without a save dialog (web harness) main holds nothing: no save id, and saving says it is unavailable', async () => {
    const generated = await generate(harnessLike, 'harness')
    expect(generated.saveId).toBeNull()
    expect(await fails(harnessLike, 'sshKeys.savePrivateKey', { saveId: 'x'.repeat(24) })).toMatchObject({ code: 'unavailable' })
  })
})
