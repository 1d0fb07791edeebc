// The aluy simulator's whole world plus the factories that add to it. Seeding
// and request handlers both build services/orders/invoices through here, so
// a service created by POST /orders looks exactly like a seeded one.
import { Rng } from '../core/random'
import { DAY, HOUR, isoAt, SEED_EPOCH } from '../core/paging'
import {
  hourlyRateFor,
  LOCATIONS,
  type AluyAccount,
  type AluyInvoice,
  type AluyOrder,
  type AluyService,
  type BillingPeriod,
  type OrderStatus,
  type Product,
  type ServiceKind,
  type ServiceStatus,
  type VmSpec
} from './model'

export interface NewService {
  kind: ServiceKind
  status: ServiceStatus
  label: string
  period: BillingPeriod
  spec: VmSpec
  monthlyPriceCents: number
  createdAtMs: number
  power?: 'running' | 'stopped'
  provisionIssue?: boolean
  orderId?: string
}

export class AluyState {
  readonly accounts = new Map<string, AluyAccount>()
  readonly products: Product[]
  /** Ids minted at runtime come from here, so a replayed test sees the same ids. */
  readonly rng: Rng
  private readonly byToken = new Map<string, string>()
  private readonly serviceIndex = new Map<string, AluyService>()
  private hostCounter = 0
  private sshKeySeq = 10
  private invoiceSeq = 0
  private externalSeq = 1000

  constructor(seed: number) {
    this.rng = new Rng(seed ^ 0x51a1)
    this.products = buildCatalog(new Rng(seed ^ 0xca7a))
  }

  /** The account with this simulator id; throws for an unknown id (a test bug). */
  account(accountId: string): AluyAccount {
    const account = this.accounts.get(accountId)
    if (!account) throw new Error(`aluy simulator has no account ${accountId}`)
    return account
  }

  accountByToken(token: string): AluyAccount | undefined {
    const id = this.byToken.get(token)
    return id === undefined ? undefined : this.accounts.get(id)
  }

  /** The account's services, newest first (the live array: tests may read, not reorder). */
  servicesOf(accountId: string): AluyService[] {
    return this.account(accountId).services
  }

  /** A service by id if it belongs to the account (other accounts' ids read as missing, as in the API). */
  findService(accountId: string, serviceId: string): AluyService | undefined {
    const service = this.serviceIndex.get(serviceId)
    return service && service.accountId === accountId ? service : undefined
  }

  registerAccount(account: AluyAccount): void {
    this.accounts.set(account.sim.id, account)
    this.byToken.set(account.sim.credential, account.sim.id)
  }

  /**
   * The user signs in again after `expireCredential`: a new session token for
   * the same account; the old token stays dead. Returns the new token value.
   */
  renewSession(accountId: string): string {
    const account = this.account(accountId)
    this.byToken.delete(account.sim.credential)
    const token = `eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..${this.rng.base64url(22)}.${this.rng.base64url(160)}.${this.rng.base64url(22)}`
    account.sim.credential = token
    account.sessionExpired = false
    this.byToken.set(token, accountId)
    return token
  }

  /** Adds a service; `newest` puts it at the head of the list (created now), seeding appends. */
  addService(account: AluyAccount, input: NewService, newest: boolean): AluyService {
    const service = this.buildService(account, input)
    if (newest) account.services.unshift(service)
    else account.services.push(service)
    this.serviceIndex.set(service.id, service)
    return service
  }

  removeService(account: AluyAccount, service: AluyService): void {
    const index = account.services.indexOf(service)
    if (index >= 0) account.services.splice(index, 1)
    this.serviceIndex.delete(service.id)
  }

  /** Turns a PENDING service into a running, addressable VPS. */
  provision(service: AluyService): void {
    service.status = 'ACTIVE'
    service.provisionIssue = false
    service.externalId = String(this.externalSeq++)
    service.power = 'running'
    const addresses = this.nextAddresses()
    service.ipv4 = addresses.ipv4
    service.ipv6 = addresses.ipv6
  }

  addOrder(account: AluyAccount, input: { status: OrderStatus; label: string; period: 'hourly' | 'monthly'; monthlyPriceCents: number; discountCents: number; spec: VmSpec; createdAtMs: number }): AluyOrder {
    const createdAt = isoAt(input.createdAtMs)
    const totalCents = input.period === 'monthly' ? input.monthlyPriceCents - input.discountCents : 0
    const order: AluyOrder = {
      id: this.rng.cuid(),
      status: input.status,
      currency: 'EUR',
      subtotalCents: totalCents,
      discountCents: input.period === 'monthly' ? input.discountCents : 0,
      vatCents: 0,
      totalCents,
      reverseCharge: false,
      period: input.period,
      hourlyRateCents: hourlyRateFor(input.monthlyPriceCents),
      lines: [{ id: this.rng.cuid(), label: input.label, quantity: 1, unitCents: totalCents, totalCents }],
      payments: [],
      spec: input.spec,
      createdAt,
      updatedAt: createdAt
    }
    if (input.status !== 'PENDING_PAYMENT' && input.status !== 'DRAFT') order.payments.push(this.completedPayment(order, createdAt))
    account.orders.unshift(order)
    return order
  }

  completedPayment(order: AluyOrder, createdAt: string): AluyOrder['payments'][number] {
    return {
      id: this.rng.cuid(),
      provider: 'MANUAL',
      providerRef: order.period === 'hourly' ? 'reseller-hourly' : 'reseller-balance',
      amountCents: order.totalCents,
      currency: 'EUR',
      status: 'COMPLETED',
      createdAt
    }
  }

  addInvoice(account: AluyAccount, input: { issuedAtMs: number; lines: AluyInvoice['lines']; orderId: string | null; schemaVersion: 1 | 2 }, newest: boolean): AluyInvoice {
    const subtotalCents = input.lines.reduce((sum, l) => sum + l.totalCents, 0)
    const vatRateBps = account.invoiceBillTo.country === 'DE' ? 1900 : 0
    const vatCents = Math.round((subtotalCents * vatRateBps) / 10_000)
    const year = new Date(input.issuedAtMs).getUTCFullYear()
    const invoice: AluyInvoice = {
      id: this.rng.cuid(),
      number: `INV-${year}-${String(++this.invoiceSeq).padStart(4, '0')}`,
      issuedAt: isoAt(input.issuedAtMs),
      currency: 'EUR',
      subtotalCents,
      vatCents,
      totalCents: subtotalCents + vatCents,
      vatRateBps,
      schemaVersion: input.schemaVersion,
      lines: input.lines,
      billTo: { ...account.invoiceBillTo },
      orderId: input.orderId
    }
    if (newest) account.invoices.unshift(invoice)
    else account.invoices.push(invoice)
    return invoice
  }

  nextSshKeyId(): number {
    return ++this.sshKeySeq
  }

  private buildService(account: AluyAccount, input: NewService): AluyService {
    const provisioned = input.status !== 'PENDING' && input.kind === 'VPS'
    const hourly = input.period === 'HOURLY'
    const hourlyRateCents = hourly ? hourlyRateFor(input.monthlyPriceCents) : 0
    const addresses = provisioned && input.status !== 'TERMINATED' ? this.nextAddresses() : { ipv4: null, ipv6: null }
    const billedHours = Math.max(0, Math.floor((SEED_EPOCH - input.createdAtMs) / HOUR)) % 500
    const running = input.power ?? (input.status === 'ACTIVE' ? 'running' : 'stopped')
    const service: AluyService = {
      id: this.rng.cuid(),
      accountId: account.sim.id,
      kind: input.kind,
      status: input.status,
      label: input.label,
      externalId: provisioned || input.kind !== 'VPS' ? String(this.externalSeq++) : null,
      metadata: input.orderId ? { ...input.spec, orderId: input.orderId } : { ...input.spec },
      createdAt: isoAt(input.createdAtMs),
      nextDueAt: hourly || input.kind === 'HETZNER_STORAGEBOX' ? null : isoAt(input.createdAtMs + 30 * DAY * Math.ceil((SEED_EPOCH - input.createdAtMs + 1) / (30 * DAY))),
      subscriptionBillingPeriod: input.period,
      subscriptionCancelledAt: null,
      hourlyRateCents,
      monthlyPriceCents: input.monthlyPriceCents,
      lastBilledAt: hourly && provisioned ? isoAt(Math.floor(SEED_EPOCH / HOUR) * HOUR) : null,
      billedRunningSeconds: hourly ? billedHours * 3600 : 0,
      billedHourlyCents: hourly ? billedHours * hourlyRateCents : 0,
      pendingInvoiceCents: hourly && account.billingMode === 'POSTPAID' ? (billedHours % 72) * hourlyRateCents : 0,
      pendingInvoiceSeconds: hourly && account.billingMode === 'POSTPAID' ? (billedHours % 72) * 3600 : 0,
      pendingInvoiceSince: hourly && account.billingMode === 'POSTPAID' ? isoAt(SEED_EPOCH - (billedHours % 72) * HOUR) : null,
      provisionIssue: input.provisionIssue ?? false,
      power: provisioned && input.status === 'ACTIVE' ? running : 'stopped',
      ipv4: addresses.ipv4,
      ipv6: addresses.ipv6,
      hostname: `${input.label}.example.net`,
      trafficGb: 1000,
      consoleEnabled: true
    }
    return service
  }

  /** Unique documentation-style addresses, enough for the 10,000-server benchmark. */
  private nextAddresses(): { ipv4: string; ipv6: string } {
    const n = this.hostCounter++
    const ipv4 = `185.${100 + Math.floor(n / 63_500)}.${Math.floor(n / 250) % 254}.${(n % 250) + 2}`
    return { ipv4, ipv6: `2a01:4f8:${(0x1000 + Math.floor(n / 65_536)).toString(16)}:${(n % 65_536).toString(16)}::1` }
  }
}

function buildCatalog(rng: Rng): Product[] {
  const variant = (sku: string, name: string, priceCents: number, displayOrder: number, ramGb: number, cpuCores: number, ssdGb: number, active = true) => ({
    id: rng.cuid(),
    sku,
    name,
    priceCents,
    period: 'MONTHLY' as const,
    displayOrder,
    active,
    spec: { ramGb, cpuCores, ssdGb }
  })
  return [
    {
      id: rng.cuid(),
      slug: 'vps-starter',
      name: 'VPS Starter',
      description: 'Entry-tier KVM',
      category: 'VPS',
      features: ['1-4 vCPU', '1-8 GB RAM', 'NVMe SSD'],
      variants: [
        variant('vps-1g', '1 GB', 499, 1, 1, 1, 20),
        variant('vps-2g', '2 GB', 899, 2, 2, 1, 40),
        variant('vps-4g', '4 GB', 1599, 3, 4, 2, 60),
        variant('vps-legacy-512', '512 MB', 299, 9, 1, 1, 10, false)
      ]
    },
    {
      id: rng.cuid(),
      slug: 'vps-pro',
      name: 'VPS Pro',
      description: 'Dedicated-core KVM',
      category: 'VPS',
      features: ['Dedicated vCPU', 'Up to 32 GB RAM'],
      variants: [variant('vps-pro-8g', '8 GB', 2999, 1, 8, 4, 160), variant('vps-pro-16g', '16 GB', 5499, 2, 16, 8, 320)]
    },
    {
      id: rng.cuid(),
      slug: 'dedicated-ax',
      name: 'Dedicated AX',
      description: 'Bare metal',
      category: 'DEDICATED',
      features: ['Ryzen 7', '64 GB RAM'],
      variants: [variant('ax-64', 'AX 64', 6900, 1, 64, 8, 1000)]
    }
  ]
}

export function locationIds(): string[] {
  return LOCATIONS.map((l) => l.id)
}

