// The demo's accounts: every simulated account of both providers, added through
// the same handler the Accounts page uses (so each is checked first).
import type { HandlerTable } from '../../src-main/shared/contract'
import type { Simulator } from '../simulators/index'

const COLOURS = ['#2f6fde', '#d9822b', '#3aa66a', '#b04fc4', '#c23b3b', '#1c9aa8']

export async function addDemoAccounts(handlers: HandlerTable, ...sims: Simulator[]): Promise<void> {
  let n = 0
  for (const sim of sims) {
    for (const account of sim.accounts) {
      const result = await handlers['accounts.add']({
        provider: sim.provider,
        label: account.label,
        colour: COLOURS[n++ % COLOURS.length]!,
        baseUrl: sim.url,
        credential: account.credential
      })
      if (!result.account) throw new Error(`demo account ${account.label} failed its check: ${result.verify?.outcome}`)
    }
  }
}
