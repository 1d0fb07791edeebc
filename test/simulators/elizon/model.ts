// The elizon simulator's data. The reference shows bodies only for the services
// list, tickets and invoices pages, errors and 429 (reference.ts builds those
// envelopes from its examples); the rest are assumptions (docs/assumptions-elizon.md).
import type { SimAccount } from '../core/types'

export const SERVICE_STATUSES = ['RUNNING', 'STOPPED', 'PENDING', 'INSTALLING', 'SUSPENDED', 'CANCELLED', 'TERMINATED', 'ERROR'] as const
export type ElizonServiceStatus = (typeof SERVICE_STATUSES)[number]
export type ServiceType = 'PROXMOX' | 'PTERODACTYL'
export const ACTIONS = ['start', 'stop', 'restart', 'reset', 'suspend', 'resume'] as const
export type ServiceAction = (typeof ACTIONS)[number]
/** The reference's full list (POST /permissions: "Available permissions: …"). */
export const PERMISSIONS = [
  'view',
  'start',
  'stop',
  'restart',
  'console',
  'backup',
  'backup_create',
  'backup_restore',
  'backup_delete',
  'backup_schedule',
  'settings',
  'delete',
  'manage_permissions'
] as const
export type Permission = (typeof PERMISSIONS)[number]

export interface ElizonLocation {
  id: string
  name: string
  city: string
  flag: string
}

export interface ElizonService {
  id: string
  accountId: string
  name: string
  status: ElizonServiceStatus
  type: ServiceType
  product: { name: string; slug: string }
  location: ElizonLocation | null
  ip: string | null
  ipv6: string | null
  resources: { cpu: number; ramMb: number; diskGb: number }
  price: { amountCents: number; cycleDays: number; currency: 'EUR' }
  createdAt: string
  expiresAt: string | null
  cancelAtPeriodEnd: boolean
  notes: string
  /** When the service last started (uptime); null while not running. */
  startedAtMs: number | null
}

export interface ElizonInvoiceItem {
  description: string
  quantity: number
  unitCents: number
  totalCents: number
}

export interface ElizonInvoice {
  id: string
  number: string
  status: 'PAID' | 'OPEN' | 'OVERDUE' | 'CANCELLED'
  createdAt: string
  dueAt: string
  totalCents: number
  netCents: number
  taxCents: number
  currency: 'EUR'
  items: ElizonInvoiceItem[]
  billingAddress: { name: string; street: string; city: string; zip: string; country: string }
}

export const TICKET_STATUSES = ['OPEN', 'ANSWERED', 'CUSTOMER_REPLY', 'CLOSED'] as const
export type ElizonTicketStatus = (typeof TICKET_STATUSES)[number]

export interface ElizonTicketMessage {
  id: string
  body: string
  author: string
  staff: boolean
  createdAt: string
}

export interface ElizonTicket {
  id: string
  subject: string
  status: ElizonTicketStatus
  priority: 'LOW' | 'MEDIUM' | 'HIGH'
  serviceId: string | null
  messages: ElizonTicketMessage[]
  createdAt: string
  updatedAt: string
}

/** A backup of one service (routes/backups.ts). The shape is assumed: the reference names no body. */
export interface ElizonBackup {
  id: string
  name: string
  createdAt: string
  sizeBytes: number
  /** completed | creating | restoring | failed */
  status: 'completed' | 'creating' | 'restoring' | 'failed'
  locked: boolean
  /** When a create or restore running on it finishes (epoch ms); null when idle. */
  busyUntilMs: number | null
}

/** A firewall rule of one service (routes/firewall.ts), Proxmox-style. The shape is assumed: the reference names no body. */
export interface ElizonFirewallRule {
  /** Numeric, never reused. */
  id: number
  type: 'in' | 'out'
  action: 'ACCEPT' | 'DROP' | 'REJECT'
  proto: string | undefined
  /** "22" or "8000:8100". */
  dport: string | undefined
  source: string | undefined
  comment: string | undefined
  enable: 0 | 1
}

export interface ElizonSshKey {
  id: string
  name: string
  publicKey: string
  fingerprint: string
  createdAt: string
}

export interface ElizonAccount {
  sim: SimAccount
  user: { name: string; email: string }
  revoked: boolean
  /** null = an unscoped key (every permission). */
  permissions: Permission[] | null
  /** Newest first. */
  services: ElizonService[]
  invoices: ElizonInvoice[]
  tickets: ElizonTicket[]
  sshKeys: ElizonSshKey[]
  /** The current rate-limit window. */
  window: { startMs: number; count: number }
}

export const LOCATIONS: readonly ElizonLocation[] = [
  { id: 'loc_fra1', name: 'Frankfurt 1', city: 'Frankfurt am Main', flag: 'de' },
  { id: 'loc_nbg1', name: 'Nuremberg 1', city: 'Nuremberg', flag: 'de' },
  { id: 'loc_ams1', name: 'Amsterdam 1', city: 'Amsterdam', flag: 'nl' }
]
