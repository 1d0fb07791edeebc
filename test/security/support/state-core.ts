// A core started on a userData folder the test prepared first (damaged files,
// directories or FIFOs in place of state files), with the real keychain under
// a throwaway service name, as an app start would see it.
import { randomBytes } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAppCore, type AppCore } from '../../../src-main/core/app-core'
import { createLogger } from '../../../src-main/core/logging/logger'
import { KeytarSecretStore } from '../../../src-main/core/secrets/keytar-secret-store'
import type { AppWarning } from '../../../src-main/shared/domain'

export async function freshUserData(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'flotilla-sec-files-'))
}

export async function startCoreOn(userDataDir: string): Promise<AppCore> {
  return createAppCore({
    userDataDir,
    secretStore: new KeytarSecretStore({ service: `Flotilla-test-${randomBytes(4).toString('hex')}` }),
    logger: createLogger({ level: 'silent' }),
    appVersion: '0.0.0-test',
    platform: process.platform,
    systemLocale: 'en-US',
    refreshOnStart: false,
    learnFacts: false
  })
}

/** The warnings a renderer would be shown at start (app.info). */
export async function startupWarnings(core: AppCore): Promise<AppWarning[]> {
  return (await core.handlers['app.info'](undefined as never)).warnings
}
