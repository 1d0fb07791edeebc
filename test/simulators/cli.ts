// `npm run sim`: both simulators for manual testing and the demo.
//   tsx test/simulators/cli.ts --accounts 3 --servers 20 --latency 50 --aluy-port 4101 --elizon-port 4102 --seed 1
// Prints both URLs and every demo account's credential: these are simulator
// secrets only, printed so a person can paste them into the app.
//
// `--json` is for programs that run the simulators in a child process (the
// benchmarks, so the simulators do not share the client's event loop): it prints
// one JSON line (`SimulatorsJson`: URLs, accounts with credentials, each
// account's services and invoices) and then answers a `requests` line on stdin
// with `{"requests":{"aluy":N,"elizon":N}}` (requests served so far).
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { startAluySimulator, startElizonSimulator, type AluySimulator, type ElizonSimulator, type SimOptions, type Simulator } from './index'

export interface SimulatorJson {
  url: string
  origin: string
  accounts: {
    id: string
    label: string
    credential: string
    services: { id: string; kind: string; status: string }[]
    invoices: { id: string; legacy: boolean }[]
  }[]
}
export interface SimulatorsJson {
  aluy: SimulatorJson
  elizon: SimulatorJson
}

interface CliOptions {
  shared: SimOptions
  aluyPort: number
  elizonPort: number
  aluyAccounts: number
  elizonAccounts: number
  elizonRateLimitPerMin: number | undefined
  json: boolean
}

function readOptions(): CliOptions {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      'aluy-accounts': { type: 'string' },
      'elizon-accounts': { type: 'string' },
      'elizon-rate-limit': { type: 'string' },
      seed: { type: 'string', default: '1' },
      accounts: { type: 'string', default: '2' },
      servers: { type: 'string', default: '5' },
      invoices: { type: 'string', default: '12' },
      latency: { type: 'string', default: '0' },
      'aluy-port': { type: 'string', default: '4101' },
      'elizon-port': { type: 'string', default: '4102' }
    }
  })
  const num = (name: Exclude<keyof typeof values, 'json'>): number => {
    const n = Number(values[name])
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`)
    return n
  }
  const accounts = num('accounts')
  return {
    shared: { seed: num('seed'), accounts, serversPerAccount: num('servers'), invoicesPerAccount: num('invoices'), latencyMs: num('latency') },
    aluyPort: num('aluy-port'),
    elizonPort: num('elizon-port'),
    aluyAccounts: values['aluy-accounts'] === undefined ? accounts : num('aluy-accounts'),
    elizonAccounts: values['elizon-accounts'] === undefined ? accounts : num('elizon-accounts'),
    elizonRateLimitPerMin: values['elizon-rate-limit'] === undefined ? undefined : num('elizon-rate-limit'),
    json: values.json === true
  }
}

function describe(sim: Simulator, how: string): string {
  const lines = [`${sim.provider}: ${sim.url}   (${how})`]
  for (const a of sim.accounts) lines.push(`  ${a.id.padEnd(10)} ${a.label}\n    ${a.credential}`)
  return lines.join('\n')
}

type AccountContents = Pick<SimulatorJson['accounts'][number], 'services' | 'invoices'>

function simulatorJson(sim: Simulator, contents: (accountId: string) => AccountContents): SimulatorJson {
  return {
    url: sim.url,
    origin: sim.origin,
    accounts: sim.accounts.map((a) => ({ id: a.id, label: a.label, credential: a.credential, ...contents(a.id) }))
  }
}

function aluyContents(sim: AluySimulator, accountId: string): AccountContents {
  const account = sim.state.account(accountId)
  return {
    services: account.services.map((s) => ({ id: s.id, kind: s.kind, status: s.status })),
    invoices: account.invoices.map((i) => ({ id: i.id, legacy: i.schemaVersion !== 2 }))
  }
}

function elizonContents(sim: ElizonSimulator, accountId: string): AccountContents {
  const account = sim.state.account(accountId)
  return {
    services: account.services.map((s) => ({ id: s.id, kind: s.type, status: s.status })),
    invoices: account.invoices.map((i) => ({ id: i.id, legacy: false }))
  }
}

/** The parent closing our stdin means it is gone: stop rather than linger as an orphan. */
function answerRequestCounts(aluy: Simulator, elizon: Simulator, stop: () => void): void {
  createInterface({ input: process.stdin })
    .on('line', (line) => {
      if (line.trim() !== 'requests') return
      console.log(JSON.stringify({ requests: { aluy: aluy.requests.length, elizon: elizon.requests.length } }))
    })
    .on('close', stop)
}

async function main(): Promise<void> {
  const o = readOptions()
  const rateLimit = o.elizonRateLimitPerMin === undefined ? {} : { rateLimit: { limit: o.elizonRateLimitPerMin, windowMs: 60_000 } }
  const aluy = await startAluySimulator({ ...o.shared, accounts: o.aluyAccounts, port: o.aluyPort })
  const elizon = await startElizonSimulator({ ...o.shared, ...rateLimit, accounts: o.elizonAccounts, port: o.elizonPort })
  const stop = (): void => {
    void Promise.all([aluy.close(), elizon.close()]).then(() => process.exit(0))
  }
  if (o.json) {
    const out: SimulatorsJson = {
      aluy: simulatorJson(aluy, (id) => aluyContents(aluy, id)),
      elizon: simulatorJson(elizon, (id) => elizonContents(elizon, id))
    }
    console.log(JSON.stringify(out))
    answerRequestCounts(aluy, elizon, stop)
  } else {
    console.log(describe(aluy, 'Cookie: __Secure-next-auth.session-token=<credential>'))
    console.log(describe(elizon, 'x-api-key: <credential>'))
    console.log('\nPress Ctrl+C to stop.')
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
