// Integration set-ups that run against both providers at once: the two
// simulators, and optionally main's real core with each one's first account.
import type { Account } from '../../src-main/shared/domain'
import { addAccount } from '../integration/fleet-support'
import { startAluySimulator, startElizonSimulator, type AluySimulator, type ElizonSimulator, type SimOptions } from '../simulators/index'
import { makeCoreFixture, type CoreFixture } from './core-fixture'

export interface SimulatorPair {
  readonly aluy: AluySimulator
  readonly elizon: ElizonSimulator
  /** Drops faults a test injected but did not use up, so they cannot hit the next test. */
  clearFaults(): void
  close(): Promise<void>
}

export async function startSimulatorPair(aluyOptions: SimOptions, elizonOptions: SimOptions): Promise<SimulatorPair> {
  const aluy = await startAluySimulator(aluyOptions)
  const elizon = await startElizonSimulator(elizonOptions).catch(async (error: unknown) => {
    await aluy.close()
    throw error
  })
  return {
    aluy,
    elizon,
    clearFaults() {
      aluy.clearFaults()
      elizon.clearFaults()
    },
    async close() {
      await aluy.close()
      await elizon.close()
    }
  }
}

export interface CoreWithAccounts extends SimulatorPair {
  readonly fx: CoreFixture
  /** The aluy simulator's first account, added through the core. */
  readonly aluyAcc: Account
  /** The elizon simulator's first account, added through the core. */
  readonly elizonAcc: Account
}

/** Both simulators (one seed and size unless elizon's are given) and a core with the first account of each; `close()` ends the core first. */
export async function startCoreWithAccounts(aluyOptions: SimOptions, elizonOptions: SimOptions = aluyOptions): Promise<CoreWithAccounts> {
  const sims = await startSimulatorPair(aluyOptions, elizonOptions)
  let fx: CoreFixture | undefined
  try {
    fx = await makeCoreFixture()
    const core = fx
    const aluyAcc = await addAccount(fx, sims.aluy, 0)
    const elizonAcc = await addAccount(fx, sims.elizon, 0)
    return {
      ...sims,
      fx: core,
      aluyAcc,
      elizonAcc,
      async close() {
        await core.cleanup()
        await sims.close()
      }
    }
  } catch (error) {
    await fx?.cleanup()
    await sims.close()
    throw error
  }
}
