// `npm run demo`: the same demo as demo:web, in Electron wherever Electron runs.
// The simulators and the demo accounts are prepared here, in Node, in a throwaway
// userData; the app is then started on it (FLOTILLA_USER_DATA is honoured only by
// unpackaged builds). Nothing of this ships in the packaged app.
import { spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAppCore } from '../../src-main/core/app-core'
import { createLogger } from '../../src-main/core/logging/logger'
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-secret-store'
import { startAluySimulator, startElizonSimulator } from '../simulators/index'
import { addDemoAccounts } from './demo-accounts'

const aluy = await startAluySimulator({ seed: 42, accounts: 2, serversPerAccount: 12, latencyMs: 40 })
const elizon = await startElizonSimulator({ seed: 42, accounts: 2, serversPerAccount: 8, latencyMs: 40 })
const userDataDir = await mkdtemp(join(tmpdir(), 'flotilla-demo-'))
const secrets = new KeytarSecretStore({ service: 'Flotilla' })
const core = await createAppCore({
  userDataDir,
  secretStore: secrets,
  logger: createLogger({ level: 'silent' }),
  appVersion: 'demo',
  platform: process.platform,
  systemLocale: 'en-US',
  refreshOnStart: false
})
await addDemoAccounts(core.handlers, aluy, elizon)
// Only these entries are removed afterwards: the user's own Flotilla accounts share the service name.
const demoAccountIds = (await core.handlers['accounts.list'](undefined)).map((a) => a.id)
await core.dispose()

console.log(`Demo accounts ready in ${userDataDir}; starting Flotilla…`)
// `npm run demo` has just built into out/ (which package.json's "main" points at),
// so preview need not build a second time.
const app = spawn('npx', ['electron-vite', 'preview', '--skipBuild'], {
  stdio: 'inherit',
  env: { ...process.env, FLOTILLA_USER_DATA: userDataDir }
})
app.on('exit', async (code) => {
  for (const id of demoAccountIds) await secrets.delete(id).catch(() => false)
  await aluy.close()
  await elizon.close()
  process.exit(code ?? 0)
})
