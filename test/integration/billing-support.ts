// Shared steps of the billing integration tests: add simulator accounts to a
// real core, wait for the background invoice sync, find the cache files.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { InvoiceSyncStatus } from '../../src-main/shared/contracts/billing'
import type { Simulator } from '../simulators/index'
import { unwrap, type CoreFixture } from '../support/core-fixture'
import { addAccount } from './fleet-support'

export async function addSimAccount(fx: CoreFixture, sim: Simulator, index: number, label: string): Promise<string> {
  return (await addAccount(fx, sim, index, label)).id
}

export async function syncStatus(fx: CoreFixture): Promise<InvoiceSyncStatus> {
  return unwrap(await fx.dispatch('invoices.syncStatus', undefined)) as InvoiceSyncStatus
}

/** Waits until the background sync has cached every invoice (data and PDF or legacy note). */
export async function waitForSync(fx: CoreFixture, timeout = 20_000): Promise<InvoiceSyncStatus> {
  await expect
    .poll(async () => {
      const s = await syncStatus(fx)
      return s.state !== 'syncing' && s.total > 0 && s.done === s.total
    }, { timeout, interval: 50 })
    .toBe(true)
  return syncStatus(fx)
}

/** Every file under dir, recursively. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(entry.parentPath ?? dir, entry.name)
    if (entry.isDirectory()) out.push(...(await filesUnder(path)))
    else out.push(path)
  }
  return out
}
