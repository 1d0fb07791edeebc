// `npm run sim`: both simulators for manual testing and the demo.
//   tsx test/simulators/cli.ts --accounts 3 --servers 20 --latency 50 --aluy-port 4101 --elizon-port 4102 --seed 1
// Prints both URLs and every demo account's credential: these are simulator
// secrets only, printed so a person can paste them into the app.
import { parseArgs } from 'node:util'
import { startAluySimulator, startElizonSimulator, type SimOptions, type Simulator } from './index'

function readOptions(): { shared: SimOptions; aluyPort: number; elizonPort: number } {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      accounts: { type: 'string', default: '2' },
      servers: { type: 'string', default: '5' },
      invoices: { type: 'string', default: '12' },
      latency: { type: 'string', default: '0' },
      'aluy-port': { type: 'string', default: '4101' },
      'elizon-port': { type: 'string', default: '4102' }
    }
  })
  const num = (name: keyof typeof values): number => {
    const n = Number(values[name])
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`)
    return n
  }
  return {
    shared: { seed: num('seed'), accounts: num('accounts'), serversPerAccount: num('servers'), invoicesPerAccount: num('invoices'), latencyMs: num('latency') },
    aluyPort: num('aluy-port'),
    elizonPort: num('elizon-port')
  }
}

function describe(sim: Simulator, how: string): string {
  const lines = [`${sim.provider}: ${sim.url}   (${how})`]
  for (const a of sim.accounts) lines.push(`  ${a.id.padEnd(10)} ${a.label}\n    ${a.credential}`)
  return lines.join('\n')
}

async function main(): Promise<void> {
  const { shared, aluyPort, elizonPort } = readOptions()
  const aluy = await startAluySimulator({ ...shared, port: aluyPort })
  const elizon = await startElizonSimulator({ ...shared, port: elizonPort })
  console.log(describe(aluy, 'Cookie: __Secure-next-auth.session-token=<credential>'))
  console.log(describe(elizon, 'x-api-key: <credential>'))
  console.log('\nPress Ctrl+C to stop.')
  const stop = (): void => {
    void Promise.all([aluy.close(), elizon.close()]).then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
