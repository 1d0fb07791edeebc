// The aluy simulator's data: what a reseller account owns, in the provider's own
// words (kinds, statuses, cents). Tests read and tweak it through `AluyState`.
import type { SimAccount } from '../core/types'

export const SERVICE_KINDS = ['VPS', 'DEDICATED', 'HETZNER_SERVER', 'HETZNER_STORAGEBOX', 'LIR', 'CUSTOM'] as const
export type ServiceKind = (typeof SERVICE_KINDS)[number]
export const SERVICE_STATUSES = ['PENDING', 'ACTIVE', 'SUSPENDED', 'TERMINATED'] as const
export type ServiceStatus = (typeof SERVICE_STATUSES)[number]
export const ORDER_STATUSES = ['DRAFT', 'PENDING_PAYMENT', 'PAID', 'PROVISIONING', 'ACTIVE', 'CANCELLED', 'REFUNDED'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]
export const TICKET_STATUSES = ['OPEN', 'AWAITING_CUSTOMER', 'AWAITING_STAFF', 'CLOSED'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]
export type BillingMode = 'PREPAID' | 'POSTPAID'
export type BillingPeriod = 'HOURLY' | 'MONTHLY'
export type PowerState = 'running' | 'stopped'

export interface VmSpec {
  vmType: 'preset' | 'custom' | 'storage'
  vmLocation: string
  ramGb: number
  cpuCores: number
  ssdGb?: number
  hddTb?: number
}

export interface AluyService {
  id: string
  accountId: string
  kind: ServiceKind
  status: ServiceStatus
  label: string
  /** The hypervisor id; null until provisioning completed. */
  externalId: string | null
  metadata: VmSpec & { orderId?: string }
  createdAt: string
  nextDueAt: string | null
  subscriptionBillingPeriod: BillingPeriod
  subscriptionCancelledAt: string | null
  hourlyRateCents: number
  monthlyPriceCents: number
  lastBilledAt: string | null
  billedRunningSeconds: number
  billedHourlyCents: number
  pendingInvoiceCents: number
  pendingInvoiceSeconds: number
  pendingInvoiceSince: string | null
  /** Internally `metadata.provisionError` is set; the API shows only this flag. */
  provisionIssue: boolean
  power: PowerState
  ipv4: string | null
  ipv6: string | null
  hostname: string
  trafficGb: number
  consoleEnabled: boolean
  /** The template of the last reinstall (`operatingSystemId`), for tests to check; unset until one ran. */
  lastReinstallTemplateId?: number
  /** The password the last reset-password handed out, for tests to compare with what the user was shown. */
  lastResetPassword?: string
}

export interface OrderLine {
  id: string
  label: string
  quantity: number
  unitCents: number
  totalCents: number
}

export interface Payment {
  id: string
  provider: 'MANUAL' | 'BALANCE'
  providerRef: string
  amountCents: number
  currency: 'EUR'
  status: 'COMPLETED' | 'FAILED' | 'PENDING'
  createdAt: string
}

export interface AluyOrder {
  id: string
  status: OrderStatus
  currency: 'EUR'
  subtotalCents: number
  discountCents: number
  vatCents: number
  totalCents: number
  reverseCharge: boolean
  period: 'hourly' | 'monthly'
  hourlyRateCents: number
  lines: OrderLine[]
  payments: Payment[]
  /** What provisioning this order creates (pay / retry-provision reuse it). */
  spec: VmSpec
  createdAt: string
  updatedAt: string
}

export interface AluyInvoice {
  id: string
  number: string
  issuedAt: string
  currency: 'EUR'
  subtotalCents: number
  vatCents: number
  totalCents: number
  vatRateBps: number
  /** 1 = legacy: metadata only, no PDF. */
  schemaVersion: 1 | 2
  lines: { label: string; totalCents: number }[]
  billTo: { name: string; country: string }
  orderId: string | null
}

export interface TicketMessage {
  id: string
  author: string
  body: string
  staff: boolean
  createdAt: string
}

export interface AluyTicket {
  id: string
  subject: string
  status: TicketStatus
  priority: 'LOW' | 'NORMAL' | 'HIGH'
  serviceIds: string[]
  messages: TicketMessage[]
  createdAt: string
  updatedAt: string
}

export interface SshKey {
  id: number
  name: string
  publicKey: string
  type: 'OpenSSH'
  enabled: boolean
  createdAt: string
}

export interface Transaction {
  id: string
  amountCents: number
  type: 'USAGE' | 'TOPUP' | 'ORDER' | 'REFUND'
  description: string
  createdAt: string
}

export interface AluyAccount {
  sim: SimAccount
  user: { name: string; email: string }
  sessionExpired: boolean
  billingMode: BillingMode
  balanceCents: number
  invoiceAutoCharge: { enabled: boolean; locked: boolean }
  /** The billing party printed on invoices. */
  invoiceBillTo: { name: string; country: string }
  /** POSTPAID VPS cap (`quota.vps.limit`); null = no cap. Tests may lower it to reach 429. */
  vpsLimit: number | null
  transactions: Transaction[]
  /** Newest first, as the API lists them. */
  services: AluyService[]
  orders: AluyOrder[]
  invoices: AluyInvoice[]
  tickets: AluyTicket[]
  sshKeys: SshKey[]
}

export interface Variant {
  id: string
  sku: string
  name: string
  priceCents: number
  period: 'MONTHLY'
  displayOrder: number
  active: boolean
  spec: { ramGb: number; cpuCores: number; ssdGb: number }
}

export interface Product {
  id: string
  slug: string
  name: string
  description: string
  category: 'VPS' | 'DEDICATED'
  features: string[]
  variants: Variant[]
}

export interface Template {
  id: number
  label: string
}

export const LOCATIONS = [
  { id: 'fi-hel', label: 'Helsinki, FI' },
  { id: 'de-fra', label: 'Frankfurt, DE' },
  { id: 'us-ash', label: 'Ashburn, US' }
] as const

export const TEMPLATES: readonly Template[] = [
  { id: 1, label: 'Ubuntu 24.04 LTS' },
  { id: 2, label: 'Debian 12' },
  { id: 3, label: 'Rocky Linux 9' },
  { id: 4, label: 'AlmaLinux 9' }
]

export const PRICING = { ramPer1GbCents: 200, cpuPerCoreCents: 300, ssdPer10GbCents: 100, hddPer1TbCents: 500, extraIpv4Cents: 100 }
export const LIMITS = {
  custom: { minRamGb: 1, maxRamGb: 64, minCpuCores: 1, maxCpuCores: 16, minSsdGb: 20, maxSsdGb: 1000 },
  storage: { minRamGb: 1, maxRamGb: 32, minCpuCores: 1, maxCpuCores: 8, minHddTb: 1, maxHddTb: 16 },
  maxExtraIpv4: 4
}

export const PROMO_CODES: Record<string, { percent: number; expired?: boolean }> = {
  SUMMER10: { percent: 10 },
  WELCOME5: { percent: 5 },
  SPRING20: { percent: 20, expired: true }
}

/** Hours in an average month: the meter rate is the monthly price spread over them. */
export function hourlyRateFor(monthlyCents: number): number {
  return Math.max(1, Math.round(monthlyCents / 730))
}

export function isLiveVps(s: AluyService): boolean {
  return s.kind === 'VPS' && s.status !== 'TERMINATED'
}
