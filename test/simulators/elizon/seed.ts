// Deterministic elizon accounts: a fixed status/type mix for the first ten
// services of each account, then mostly running KVM servers for big fleets.
import { createHash } from 'node:crypto'
import type { Rng } from '../core/random'
import { DAY, HOUR, isoAt, SEED_EPOCH } from '../core/paging'
import type { AccountSeedInput } from '../core/simulator'
import { LOCATIONS, PERMISSIONS, type ElizonAccount, type ElizonServiceStatus, type Permission, type ServiceType } from './model'
import type { ElizonState } from './state'

const FIXED_MIX: readonly [ElizonServiceStatus, ServiceType][] = [
  ['RUNNING', 'PROXMOX'],
  ['RUNNING', 'PTERODACTYL'],
  ['STOPPED', 'PROXMOX'],
  ['RUNNING', 'PROXMOX'],
  ['PENDING', 'PROXMOX'],
  ['SUSPENDED', 'PROXMOX'],
  ['INSTALLING', 'PROXMOX'],
  ['ERROR', 'PROXMOX'],
  ['CANCELLED', 'PROXMOX'],
  ['TERMINATED', 'PTERODACTYL']
]

const KVM_PRODUCTS = [
  { name: 'KVM Server S', slug: 'kvm-s', cpu: 2, ramMb: 4096, diskGb: 64, amountCents: 599 },
  { name: 'KVM Server M', slug: 'kvm-m', cpu: 4, ramMb: 8192, diskGb: 128, amountCents: 1199 },
  { name: 'KVM Server L', slug: 'kvm-l', cpu: 8, ramMb: 16384, diskGb: 256, amountCents: 2399 }
] as const
const GAME_PRODUCTS = [
  { name: 'Minecraft Server 4 GB', slug: 'minecraft-4gb', cpu: 2, ramMb: 4096, diskGb: 30, amountCents: 800 },
  { name: 'Valheim Server', slug: 'valheim', cpu: 3, ramMb: 6144, diskGb: 40, amountCents: 1000 }
] as const
const ROLES = ['web', 'db', 'proxy', 'build', 'mail', 'mc', 'game', 'lab'] as const
const PEOPLE = ['Mara Schulz', 'Jonas Weber', 'Lena Fischer', 'Tim Becker'] as const

export function seedElizonAccount(state: ElizonState, rng: Rng, input: AccountSeedInput): ElizonAccount {
  const { index } = input
  const person = PEOPLE[index % PEOPLE.length] ?? 'Mara Schulz'
  const permissions = input.opts.permissions?.filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p)) ?? null
  const account: ElizonAccount = {
    sim: {
      id: `elizon-${index + 1}`,
      label: input.opts.label ?? `${person} (elizon ${index + 1})`,
      credential: `elz_${rng.base62(40)}`,
      ...(permissions ? { permissions } : {})
    },
    user: { name: person, email: `${person.toLowerCase().replace(' ', '.')}@example.de` },
    revoked: false,
    permissions,
    services: [],
    invoices: [],
    tickets: [],
    sshKeys: [],
    window: { startMs: 0, count: 0 }
  }
  state.registerAccount(account)
  seedServices(state, rng, account, input.servers, index)
  seedInvoices(rng, account, input.invoices)
  seedTickets(state, account)
  account.sshKeys.push(makeSshKey(state, 'laptop', `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rng.base62(43)} laptop@example`, SEED_EPOCH - 40 * DAY))
  return account
}

function pickShape(rng: Rng, accountIndex: number, i: number): [ElizonServiceStatus, ServiceType] {
  if (i < FIXED_MIX.length) return FIXED_MIX[(i + accountIndex * 5) % FIXED_MIX.length] as [ElizonServiceStatus, ServiceType]
  const type: ServiceType = rng.chance(0.15) ? 'PTERODACTYL' : 'PROXMOX'
  const roll = rng.next()
  const status: ElizonServiceStatus = roll < 0.78 ? 'RUNNING' : roll < 0.9 ? 'STOPPED' : roll < 0.93 ? 'SUSPENDED' : roll < 0.95 ? 'PENDING' : roll < 0.97 ? 'ERROR' : 'CANCELLED'
  return [status, type]
}

function seedServices(state: ElizonState, rng: Rng, account: ElizonAccount, count: number, accountIndex: number): void {
  let createdAtMs = SEED_EPOCH - rng.int(1, 48) * HOUR
  for (let i = 0; i < count; i++) {
    const [status, type] = pickShape(rng, accountIndex, i)
    const product = type === 'PROXMOX' ? rng.pick(KVM_PRODUCTS) : rng.pick(GAME_PRODUCTS)
    const deployed = status !== 'PENDING' && status !== 'TERMINATED'
    const addresses = deployed ? state.nextAddresses() : null
    const cycleDays = rng.pick([30, 30, 30, 90, 365])
    state.addService(account, {
      id: rng.cuid(),
      accountId: account.sim.id,
      name: `${type === 'PROXMOX' ? rng.pick(ROLES) : 'game'}-${String(i + 1).padStart(2, '0')}`,
      status,
      type,
      product: { name: product.name, slug: product.slug },
      location: type === 'PTERODACTYL' && rng.chance(0.3) ? null : rng.pick(LOCATIONS),
      ip: addresses?.ip ?? null,
      ipv6: type === 'PROXMOX' ? (addresses?.ipv6 ?? null) : null,
      resources: { cpu: product.cpu, ramMb: product.ramMb, diskGb: product.diskGb },
      price: { amountCents: Math.round((product.amountCents * cycleDays) / 30), cycleDays, currency: 'EUR' },
      createdAt: isoAt(createdAtMs),
      expiresAt: status === 'PENDING' ? null : isoAt(createdAtMs + cycleDays * DAY * Math.ceil((SEED_EPOCH - createdAtMs + 1) / (cycleDays * DAY))),
      cancelAtPeriodEnd: status === 'CANCELLED' || (i % 7 === 6 && status === 'RUNNING'),
      notes: '',
      startedAtMs: status === 'RUNNING' ? SEED_EPOCH - rng.int(1, 400) * HOUR : null
    })
    createdAtMs -= rng.int(1, 72) * HOUR
  }
}

function seedInvoices(rng: Rng, account: ElizonAccount, count: number): void {
  const billable = account.services.slice(0, 3)
  for (let i = 0; i < count; i++) {
    const createdAtMs = Date.UTC(2026, 10 - i, 1)
    const items = (billable.length ? billable : []).map((s) => ({ description: `${s.product.name} (${s.name})`, quantity: 1, unitCents: s.price.amountCents, totalCents: s.price.amountCents }))
    if (items.length === 0) items.push({ description: 'Guthaben-Aufladung', quantity: 1, unitCents: rng.int(10, 50) * 100, totalCents: 0 })
    const netCents = items.reduce((sum, it) => sum + it.totalCents, 0)
    const taxCents = Math.round(netCents * 0.19)
    const status = i === 0 ? 'OPEN' : i === 1 ? 'OVERDUE' : i === 5 ? 'CANCELLED' : 'PAID'
    account.invoices.push({
      id: rng.cuid(),
      number: `RE-${new Date(createdAtMs).getUTCFullYear()}-${account.sim.id.replace(/\D/g, '').padStart(2, '0')}${String(count - i).padStart(3, '0')}`,
      status,
      createdAt: isoAt(createdAtMs),
      dueAt: isoAt(createdAtMs + 14 * DAY),
      totalCents: netCents + taxCents,
      netCents,
      taxCents,
      currency: 'EUR',
      items,
      billingAddress: { name: account.user.name, street: 'Hauptstraße 1', city: 'Berlin', zip: '10115', country: 'DE' }
    })
  }
}

function seedTickets(state: ElizonState, account: ElizonAccount): void {
  const statuses = ['OPEN', 'ANSWERED', 'CLOSED'] as const
  statuses.forEach((status, i) => {
    const createdAt = isoAt(SEED_EPOCH - (i + 2) * DAY)
    const updatedAt = isoAt(SEED_EPOCH - (i + 2) * DAY + 3 * HOUR)
    account.tickets.push({
      id: state.rng.cuid(),
      subject: ['Server nicht erreichbar', 'Rechnungsfrage', 'Backup wiederherstellen'][i] ?? 'Frage',
      status,
      priority: i === 0 ? 'HIGH' : 'MEDIUM',
      serviceId: account.services[i]?.id ?? null,
      messages: [
        { id: state.rng.cuid(), body: 'Hallo, bitte prüfen.', author: account.user.name, staff: false, createdAt },
        { id: state.rng.cuid(), body: 'Wir kümmern uns darum.', author: 'elizon Support', staff: true, createdAt: updatedAt }
      ],
      createdAt,
      updatedAt
    })
  })
}

/** A key record with an OpenSSH-style SHA256 fingerprint of the key blob. */
export function makeSshKey(state: ElizonState, name: string, publicKey: string, createdAtMs: number): ElizonAccount['sshKeys'][number] {
  const blob = Buffer.from(publicKey.split(' ')[1] ?? '', 'base64')
  const fingerprint = 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')
  return { id: state.rng.cuid(), name, publicKey, fingerprint, createdAt: isoAt(createdAtMs) }
}
