// For the table benchmarks (B2, B3): a userData folder holding accounts and a
// cached fleet snapshot of any size, the harness started on it without
// refreshing, and a headless Chromium page on the harness. No provider is
// contacted: the figures are the renderer's and the IPC's, not the network's.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { createLogger } from '../../src-main/core/logging/logger'
import type { SecretStore } from '../../src-main/core/secrets/secret-store'
import type { Account, Server } from '../../src-main/shared/domain'
import { RENDERER_DIR, startHarness, type Harness } from '../../test/harness/server'
import { launchChromium } from '../../test/support/browser'

const LOCATIONS = ['Frankfurt 1', 'Nuremberg 1', 'Amsterdam 1', 'Helsinki 1', 'Ashburn 1', null]
const STATUSES: Server['status'][] = ['active', 'active', 'active', 'active', 'pending', 'suspended', 'cancelled']
const POWERS: Server['power'][] = ['running', 'running', 'running', 'stopped', 'unknown']
const KINDS = ['VPS', 'VPS', 'VPS', 'DEDICATED', 'GAMESERVER']

/** The benchmark never signs in anywhere: an in-memory store stands in for the keychain. */
export function memorySecrets(): SecretStore {
  const map = new Map<string, string>()
  return {
    get: async (id) => map.get(id) ?? null,
    set: async (id, secret) => void map.set(id, secret),
    delete: async (id) => map.delete(id)
  }
}

export function makeAccounts(count: number): Account[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `acc_bench${String(i).padStart(4, '0')}`,
    label: `Bench ${i % 2 === 0 ? 'aluy' : 'elizon'} ${i + 1}`,
    provider: i % 2 === 0 ? 'aluy' : 'elizon',
    colour: ['#2f6fde', '#d9822b', '#3aa66a', '#b04fc4'][i % 4]!,
    baseUrl: 'http://127.0.0.1:9',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z'
  }))
}

/** Deterministic, varied servers: enough spread that searches and sorts do real work. */
export function makeServers(account: Account, count: number, offset: number): Server[] {
  return Array.from({ length: count }, (_, j) => {
    const n = offset + j
    const id = String(100000 + n)
    return {
      key: `${account.id}:${id}`,
      id,
      accountId: account.id,
      provider: account.provider,
      label: `${['web', 'db', 'cache', 'mail', 'game', 'vpn'][n % 6]}-${String(n).padStart(5, '0')}`,
      kind: KINDS[n % KINDS.length]!,
      status: STATUSES[n % STATUSES.length]!,
      statusText: STATUSES[n % STATUSES.length]!.toUpperCase(),
      power: POWERS[n % POWERS.length]!,
      primaryIpv4: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      primaryIpv6: n % 3 === 0 ? null : `2001:db8::${n.toString(16)}`,
      location: LOCATIONS[n % LOCATIONS.length]!,
      vcpu: 1 + (n % 16),
      ramMb: 1024 * (1 + (n % 32)),
      diskGb: 20 + (n % 50) * 10,
      hourlyRateCents: n % 4 === 0 ? null : 1 + (n % 9),
      monthlyPriceCents: n % 4 === 0 ? 500 + (n % 40) * 100 : null,
      createdAt: new Date(Date.UTC(2024, 0, 1) + n * 3_600_000).toISOString()
    }
  })
}

/** Writes accounts.json and one cache/<id>/fleet.json per account, as the app would have left them. */
export async function writeCachedFleet(userDataDir: string, accountCount: number, serverCount: number): Promise<void> {
  const accounts = makeAccounts(accountCount)
  await writeFile(join(userDataDir, 'accounts.json'), JSON.stringify({ version: 1, accounts }))
  const per = Math.ceil(serverCount / accountCount)
  const savedAt = new Date(Date.now() - 5 * 60_000).toISOString()
  await Promise.all(
    accounts.map(async (account, i) => {
      const count = Math.max(0, Math.min(per, serverCount - i * per))
      await mkdir(join(userDataDir, 'cache', account.id), { recursive: true })
      const servers = makeServers(account, count, i * per)
      await writeFile(join(userDataDir, 'cache', account.id, 'fleet.json'), JSON.stringify({ version: 1, savedAt, servers }))
    })
  )
}

export interface BenchSession {
  harness: Harness
  browser: Browser
  page: Page
  userDataDir: string
  close(): Promise<void>
}

export async function makeUserData(prefix: string, accounts: number, servers: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  await writeCachedFleet(dir, accounts, servers)
  return dir
}

export async function startOnCache(userDataDir: string): Promise<Harness> {
  return startHarness({
    userDataDir,
    secretStore: memorySecrets(),
    logger: createLogger({ file: join(userDataDir, 'logs', 'flotilla.log') }),
    refreshOnStart: false
  })
}

export async function openBrowser(): Promise<Browser> {
  return launchChromium()
}

export async function cleanup(parts: { browser?: Browser; harness?: Harness; userDataDir?: string }): Promise<void> {
  await parts.browser?.close()
  await parts.harness?.close()
  if (parts.userDataDir) await rm(parts.userDataDir, { recursive: true, force: true })
}

export const FIRST_ROW = '[role="row"][data-key]'

/** The harness serves the built renderer: a missing build is a set-up error, not a slow result. */
export function requireBuild(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npx electron-vite build')
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return Math.round((sorted[index] ?? 0) * 10) / 10
}
