// Shared set-up for tests that run main's real core: a temp userData, the real
// keychain under a throwaway service name, and an HTTP client with the
// references' retry schedule shortened (the schedule itself is unit-tested).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createAppCore, type AppCore, type AppCoreOptions } from '../../src-main/core/app-core'
import type { SaveFile } from '../../src-main/core/billing/billing-handlers'
import { createHttpClient } from '../../src-main/core/http/fetch-http-client'
import { createDispatcher, type Dispatch } from '../../src-main/core/ipc/dispatch'
import { createLogger, type Logger } from '../../src-main/core/logging/logger'
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-secret-store'
import type { SerializedError } from '../../src-main/shared/errors'

export interface CoreFixture {
  readonly userDataDir: string
  readonly secrets: KeytarSecretStore
  readonly logger: Logger
  readonly logFile: string
  core: AppCore
  dispatch: Dispatch
  /** Rebuilds the core on the same userData, as an app restart would. */
  restart(): Promise<void>
  cleanup(): Promise<void>
}

export function testHttpClient() {
  return createHttpClient({ retryDelaysMs: [5, 10, 20], timeoutMs: 3000, maxRateLimitWaitSec: 5 })
}

/**
 * `learnFacts` (default false here): the background detail calls that fill in
 * aluy locations would otherwise mix into tests that count requests or inject faults.
 */
export async function makeCoreFixture(
  options: { refreshOnStart?: boolean; learnFacts?: boolean; saveFile?: SaveFile; ssh?: AppCoreOptions['ssh'] } = {}
): Promise<CoreFixture> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'flotilla-test-'))
  const secrets = new KeytarSecretStore({ service: `Flotilla-test-${randomBytes(4).toString('hex')}` })
  const logFile = join(userDataDir, 'logs', 'flotilla.log')
  const logger = createLogger({ file: logFile })
  const build = async () =>
    createAppCore({
      userDataDir,
      secretStore: secrets,
      logger,
      appVersion: '0.0.0-test',
      platform: process.platform,
      systemLocale: 'en-US',
      http: testHttpClient(),
      refreshOnStart: options.refreshOnStart ?? false,
      learnFacts: options.learnFacts ?? false,
      ...(options.saveFile ? { saveFile: options.saveFile } : {}),
      ...(options.ssh ? { ssh: options.ssh } : {})
    })
  const fixture: CoreFixture = {
    userDataDir,
    secrets,
    logger,
    logFile,
    core: await build(),
    dispatch: null as unknown as Dispatch,
    async restart() {
      await fixture.core.dispose()
      fixture.core = await build()
      fixture.dispatch = createDispatcher(fixture.core.handlers)
    },
    async cleanup() {
      await fixture.core.dispose()
      for (const id of await secrets.list().catch(() => [])) await secrets.delete(id).catch(() => false)
      await rm(userDataDir, { recursive: true, force: true })
    }
  }
  fixture.dispatch = createDispatcher(fixture.core.handlers)
  return fixture
}

/** A dispatch that must fail: its error envelope, or the test fails. */
export async function fails(fx: CoreFixture, channel: string, input: unknown): Promise<SerializedError> {
  const res = await fx.dispatch(channel, input)
  if (res.ok) throw new Error(`expected ${channel} to fail`)
  return res.error
}

/** Unwraps an IPC envelope, failing the test with the error when it is not ok. */
export function unwrap<T>(envelope: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`)
  return envelope.value
}
