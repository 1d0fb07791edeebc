// Deterministic aluy accounts: a fixed mix for the first ten services of each
// account (so even the default 2 × 5 covers every status and kind), then a
// weighted mix that is "mostly active VPS" for the large benchmark fleets.
import type { Rng } from '../core/random'
import { DAY, HOUR, SEED_EPOCH } from '../core/paging'
import type { AccountSeedInput } from '../core/simulator'
import { LOCATIONS, PRICING, type AluyAccount, type BillingMode, type BillingPeriod, type ServiceKind, type ServiceStatus, type VmSpec } from './model'
import type { AluyState } from './state'

interface Shape {
  kind: ServiceKind
  status: ServiceStatus
  period: BillingPeriod
  power?: 'running' | 'stopped'
  provisionIssue?: boolean
}

const FIXED_MIX: readonly Shape[] = [
  { kind: 'VPS', status: 'ACTIVE', period: 'HOURLY', power: 'running' },
  { kind: 'VPS', status: 'ACTIVE', period: 'MONTHLY', power: 'running' },
  { kind: 'VPS', status: 'PENDING', period: 'HOURLY', provisionIssue: true },
  { kind: 'VPS', status: 'ACTIVE', period: 'HOURLY', power: 'stopped' },
  { kind: 'DEDICATED', status: 'ACTIVE', period: 'MONTHLY' },
  { kind: 'VPS', status: 'SUSPENDED', period: 'HOURLY' },
  { kind: 'VPS', status: 'ACTIVE', period: 'HOURLY', power: 'running' },
  { kind: 'VPS', status: 'TERMINATED', period: 'MONTHLY' },
  { kind: 'HETZNER_STORAGEBOX', status: 'ACTIVE', period: 'MONTHLY' },
  { kind: 'VPS', status: 'ACTIVE', period: 'MONTHLY', power: 'running' }
]

const ROLES = ['edge', 'web', 'db', 'cache', 'mail', 'ci', 'vpn', 'app'] as const
const NAMES = ['Acme Hosting', 'Nordwind IT', 'Blue Fjord Ltd', 'Kite Systems', 'Polar Apps', 'Harbor Cloud'] as const
const COUNTRIES = ['DE', 'FI', 'NL', 'DE', 'FR'] as const

export function seedAluyAccount(state: AluyState, rng: Rng, input: AccountSeedInput): AluyAccount {
  const { index } = input
  const billingMode: BillingMode = input.opts.billingMode ?? (index % 2 === 0 ? 'POSTPAID' : 'PREPAID')
  const company = NAMES[index % NAMES.length] ?? 'Acme Hosting'
  const account: AluyAccount = {
    sim: {
      id: `aluy-${index + 1}`,
      label: input.opts.label ?? `${company} (aluy ${index + 1})`,
      credential: sessionToken(rng),
      reseller: input.opts.reseller ?? true
    },
    user: { name: company, email: `reseller${index + 1}@${company.toLowerCase().replace(/[^a-z]+/g, '')}.example` },
    sessionExpired: false,
    billingMode,
    balanceCents: billingMode === 'PREPAID' ? rng.int(2_000, 50_000) : rng.int(0, 5_000),
    invoiceAutoCharge: { enabled: true, locked: billingMode === 'PREPAID' },
    invoiceBillTo: { name: company, country: COUNTRIES[index % COUNTRIES.length] ?? 'DE' },
    vpsLimit: null,
    transactions: [],
    services: [],
    orders: [],
    invoices: [],
    tickets: [],
    sshKeys: []
  }
  state.registerAccount(account)
  seedServices(state, rng, account, input.servers, index)
  if (billingMode === 'POSTPAID') account.vpsLimit = account.services.filter((s) => s.kind === 'VPS' && s.status !== 'TERMINATED').length + 5
  seedPendingOrder(state, account)
  seedInvoices(state, rng, account, input.invoices)
  seedTransactions(state, rng, account)
  seedTickets(state, account)
  seedSshKeys(state, rng, account)
  return account
}

/** A NextAuth JWE-looking session token: random-looking, fixed per seed. */
function sessionToken(rng: Rng): string {
  return `eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..${rng.base64url(22)}.${rng.base64url(160)}.${rng.base64url(22)}`
}

function shapeFor(rng: Rng, accountIndex: number, i: number): Shape {
  if (i < FIXED_MIX.length) return FIXED_MIX[(i + accountIndex * 5) % FIXED_MIX.length] as Shape
  const roll = rng.next()
  const period: BillingPeriod = rng.chance(0.8) ? 'HOURLY' : 'MONTHLY'
  if (roll < 0.8) return { kind: 'VPS', status: 'ACTIVE', period, power: rng.chance(0.85) ? 'running' : 'stopped' }
  if (roll < 0.85) return { kind: 'VPS', status: 'PENDING', period, provisionIssue: rng.chance(0.7) }
  if (roll < 0.88) return { kind: 'VPS', status: 'SUSPENDED', period }
  if (roll < 0.92) return { kind: 'VPS', status: 'TERMINATED', period }
  return { kind: rng.pick(['DEDICATED', 'HETZNER_SERVER', 'HETZNER_STORAGEBOX', 'LIR', 'CUSTOM'] as const), status: 'ACTIVE', period: 'MONTHLY' }
}

function seedServices(state: AluyState, rng: Rng, account: AluyAccount, count: number, accountIndex: number): void {
  let createdAtMs = SEED_EPOCH - rng.int(1, 48) * HOUR
  for (let i = 0; i < count; i++) {
    const shape = shapeFor(rng, accountIndex, i)
    const location = rng.pick(LOCATIONS).id
    const spec = specFor(rng, shape.kind, location)
    const label = labelFor(rng, shape.kind, location, i)
    const monthlyPriceCents = shape.kind === 'VPS' ? priceOf(spec) : rng.int(20, 90) * 100
    const order = state.addOrder(account, {
      status: 'ACTIVE',
      label,
      period: shape.period === 'HOURLY' ? 'hourly' : 'monthly',
      monthlyPriceCents,
      discountCents: 0,
      spec,
      createdAtMs
    })
    // Orders list newest first too; seeding walks back in time, so append.
    account.orders.push(account.orders.shift() ?? order)
    state.addService(account, { ...shape, label, spec, monthlyPriceCents, createdAtMs, orderId: order.id }, false)
    createdAtMs -= rng.int(1, 72) * HOUR
  }
}

function specFor(rng: Rng, kind: ServiceKind, location: string): VmSpec {
  if (kind === 'HETZNER_STORAGEBOX') return { vmType: 'storage', vmLocation: location, ramGb: 0, cpuCores: 0, hddTb: rng.pick([1, 5, 10]) }
  const ramGb = rng.pick([1, 2, 4, 8, 16])
  return { vmType: rng.chance(0.5) ? 'custom' : 'preset', vmLocation: location, ramGb, cpuCores: Math.max(1, ramGb / 2), ssdGb: ramGb * 20 }
}

export function priceOf(spec: VmSpec, extraIpv4 = 0): number {
  const disk = spec.hddTb !== undefined ? spec.hddTb * PRICING.hddPer1TbCents : Math.ceil((spec.ssdGb ?? 0) / 10) * PRICING.ssdPer10GbCents
  return spec.ramGb * PRICING.ramPer1GbCents + spec.cpuCores * PRICING.cpuPerCoreCents + disk + extraIpv4 * PRICING.extraIpv4Cents
}

function labelFor(rng: Rng, kind: ServiceKind, location: string, i: number): string {
  const n = String(i + 1).padStart(2, '0')
  const site = location.split('-')[0] ?? 'eu'
  if (kind === 'VPS') return `${rng.pick(ROLES)}-${site}-${n}`
  return `${kind.toLowerCase().replace(/_/g, '-')}-${site}-${n}`
}

function seedPendingOrder(state: AluyState, account: AluyAccount): void {
  state.addOrder(account, {
    status: 'PENDING_PAYMENT',
    label: 'awaiting-payment-01',
    period: 'monthly',
    monthlyPriceCents: 899,
    discountCents: 0,
    spec: { vmType: 'preset', vmLocation: 'de-fra', ramGb: 2, cpuCores: 1, ssdGb: 40 },
    createdAtMs: SEED_EPOCH - HOUR
  })
}

function seedInvoices(state: AluyState, rng: Rng, account: AluyAccount, count: number): void {
  const labelled = account.services.slice(0, 3)
  for (let i = 0; i < count; i++) {
    const issuedAtMs = Date.UTC(2026, 10 - i, 1)
    const lines = labelled.length
      ? labelled.map((s) => ({ label: `${s.kind === 'VPS' ? 'VPS' : s.kind} - ${s.label}`, totalCents: rng.int(300, 4_000) }))
      : [{ label: 'Account fee', totalCents: 100 }]
    // The two oldest predate the v2 snapshot schema: metadata only, no PDF.
    const schemaVersion = i >= count - 2 ? 1 : 2
    state.addInvoice(account, { issuedAtMs, lines, orderId: account.orders[i]?.id ?? null, schemaVersion }, false)
  }
}

function seedTransactions(state: AluyState, rng: Rng, account: AluyAccount): void {
  for (let i = 0; i < 8; i++) {
    const usage = i % 4 !== 3
    account.transactions.push({
      id: state.rng.cuid(),
      amountCents: usage ? -rng.int(5, 900) : rng.int(10, 100) * 100,
      type: usage ? 'USAGE' : 'TOPUP',
      description: usage ? `Hourly VPS - ${account.services[i % Math.max(1, account.services.length)]?.label ?? 'vps'}` : 'Balance top-up',
      createdAt: new Date(SEED_EPOCH - i * 6 * HOUR).toISOString()
    })
  }
}

function seedTickets(state: AluyState, account: AluyAccount): void {
  const statuses = ['OPEN', 'AWAITING_CUSTOMER', 'AWAITING_STAFF', 'CLOSED'] as const
  statuses.forEach((status, i) => {
    const createdAt = new Date(SEED_EPOCH - (i + 1) * DAY).toISOString()
    const updatedAt = new Date(SEED_EPOCH - (i + 1) * DAY + 2 * HOUR).toISOString()
    const service = account.services[i]
    account.tickets.push({
      id: state.rng.cuid(),
      subject: service ? `Reverse DNS for ${service.label}` : 'Billing question',
      status,
      priority: i === 1 ? 'HIGH' : 'NORMAL',
      serviceIds: service ? [service.id] : [],
      messages: [
        { id: state.rng.cuid(), author: account.user.email, body: 'Please set rDNS to mail.example.com', staff: false, createdAt },
        { id: state.rng.cuid(), author: 'support', body: 'Done - rDNS updated.', staff: true, createdAt: updatedAt }
      ],
      createdAt,
      updatedAt
    })
  })
}

function seedSshKeys(state: AluyState, rng: Rng, account: AluyAccount): void {
  for (const name of ['laptop-ed25519', 'ci-deploy']) {
    account.sshKeys.push({
      id: state.nextSshKeyId(),
      name,
      publicKey: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rng.base62(43)} ${name}@example`,
      type: 'OpenSSH',
      enabled: true,
      createdAt: new Date(SEED_EPOCH - 30 * DAY).toISOString()
    })
  }
}
