// `npm run demo:web`: both provider simulators, the web harness with demo
// accounts already added, and a URL to open in any browser. Needs a keychain
// (on a Linux box without a desktop session, the npm script runs this under a
// private GNOME Keyring).
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '../../src-main/core/logging/logger'
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-secret-store'
import { startAluySimulator, startElizonSimulator } from '../simulators/index'
import { startHarness } from './server'
import { addDemoAccounts } from './demo-accounts'

const port = Number(process.env.FLOTILLA_HARNESS_PORT ?? 5199)
const aluy = await startAluySimulator({ seed: 42, accounts: 2, serversPerAccount: 12, latencyMs: 40 })
const elizon = await startElizonSimulator({ seed: 42, accounts: 2, serversPerAccount: 8, latencyMs: 40 })
const userDataDir = await mkdtemp(join(tmpdir(), 'flotilla-demo-'))
const secrets = new KeytarSecretStore({ service: 'Flotilla-demo' })
const harness = await startHarness({
  userDataDir,
  secretStore: secrets,
  logger: createLogger({ file: join(userDataDir, 'logs', 'flotilla.log') }),
  port
})
await addDemoAccounts(harness.core.handlers, aluy, elizon)

console.log(`\nFlotilla web demo (main's real core in Node, the built renderer, simulated providers)`)
console.log(`  open:     ${harness.url}`)
console.log(`  aluy sim: ${aluy.url}`)
console.log(`  elizon:   ${elizon.url}`)
console.log(`  userData: ${userDataDir}`)
console.log('Ctrl+C to stop.\n')

async function stop(): Promise<void> {
  for (const id of await secrets.list().catch(() => [])) await secrets.delete(id).catch(() => false)
  await harness.close()
  await aluy.close()
  await elizon.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
