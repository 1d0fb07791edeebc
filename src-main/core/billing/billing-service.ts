// The billing page's numbers: per account (wallet, mode, auto-charge, recent
// transactions, hourly burn, projection, servers billed while off) and in total.
// Accounts load in parallel; one account failing shows its error beside the others.
import type { AccountBilling, AutoCharge, BillingOverview } from '../../shared/contracts/billing'
import type { Account, ProviderId, Server } from '../../shared/domain'
import { FlotillaError, serializeError } from '../../shared/errors'
import type { Logger } from '../logging/logger'
import type { AccountContext, ProviderAdapter } from '../providers/provider-adapter'
import { spendByMonth } from '../../shared/contracts/billing'
import { idleBilledServers, monthEndProjectionCents, monthlyCommittedCents, renewalsDueThisMonthCents } from './billing-math'
import type { InvoiceService } from './invoice-service'

export interface BillingServiceDeps {
  readonly logger: Logger
  readonly accounts: () => Account[]
  readonly servers: () => readonly Server[]
  readonly contextFor: (accountId: string) => Promise<AccountContext>
  readonly adapterFor: (provider: ProviderId) => ProviderAdapter
  readonly invoices: InvoiceService
  readonly now?: () => Date
}

/** The 409 aluy answers when a PREPAID account tries to switch auto-charge off, in words a user can act on. */
export const PREPAID_AUTO_CHARGE_MESSAGE =
  'Auto-charge cannot be switched off while this account is PREPAID: a prepaid wallet always pays its invoices. Switch the account to POSTPAID at aluy first.'

export class BillingService {
  constructor(private readonly deps: BillingServiceDeps) {}

  async overview(): Promise<BillingOverview> {
    const accounts = await Promise.all(this.deps.accounts().map((a) => this.accountBilling(a)))
    const sum = (pick: (a: AccountBilling) => number | null): number => accounts.reduce((s, a) => s + (pick(a) ?? 0), 0)
    return {
      accounts,
      totals: {
        balanceCents: sum((a) => a.balanceCents),
        hourlyRateCents: sum((a) => a.hourlyRateCents),
        pendingInvoiceCents: sum((a) => a.pendingInvoiceCents),
        monthEndProjectionCents: sum((a) => a.monthEndProjectionCents)
      },
      spendByMonth: spendByMonth(this.deps.invoices.records()),
      generatedAt: this.now().toISOString()
    }
  }

  async setAutoCharge(accountId: string, enabled: boolean): Promise<AutoCharge> {
    const account = this.deps.accounts().find((a) => a.id === accountId)
    if (!account) throw new FlotillaError('not-found', 'That account does not exist any more.')
    const billing = this.deps.adapterFor(account.provider).billing
    if (!billing) throw new FlotillaError('unavailable', 'This provider has no billing settings in Flotilla.')
    try {
      return await billing.setAutoCharge(await this.deps.contextFor(accountId), enabled)
    } catch (error) {
      if (error instanceof FlotillaError && error.status === 409) {
        throw new FlotillaError('conflict', PREPAID_AUTO_CHARGE_MESSAGE, { status: 409, accountId })
      }
      throw error
    }
  }

  private async accountBilling(account: Account): Promise<AccountBilling> {
    const now = this.now()
    const servers = this.deps.servers()
    const empty: AccountBilling = {
      accountId: account.id,
      provider: account.provider,
      balanceCents: null,
      billingMode: null,
      autoCharge: null,
      transactions: [],
      hourlyRateCents: null,
      hoursRemaining: null,
      pendingInvoiceCents: null,
      monthlyCommittedCents: monthlyCommittedCents(account.id, null, servers),
      monthEndProjectionCents: 0,
      idleBilledServers: idleBilledServers(account.id, null, servers),
      fetchedAt: now.toISOString()
    }
    try {
      const billing = this.deps.adapterFor(account.provider).billing
      if (!billing) return empty
      const snap = await billing.snapshot(await this.deps.contextFor(account.id))
      const pending = snap.hourly?.pendingInvoiceCents ?? null
      const rate = snap.hourly?.totalHourlyRateCents ?? null
      return {
        ...empty,
        balanceCents: snap.wallet?.balanceCents ?? null,
        billingMode: snap.wallet?.billingMode ?? null,
        autoCharge: snap.wallet?.autoCharge ?? null,
        transactions: snap.wallet?.transactions.slice(0, 20) ?? [],
        hourlyRateCents: rate,
        hoursRemaining: snap.hourly?.hoursRemaining ?? null,
        pendingInvoiceCents: pending,
        monthlyCommittedCents: monthlyCommittedCents(account.id, snap.services, servers),
        monthEndProjectionCents: monthEndProjectionCents(pending ?? 0, rate ?? 0, now, renewalsDueThisMonthCents(snap.services, now)),
        idleBilledServers: idleBilledServers(account.id, snap.services, servers)
      }
    } catch (error) {
      this.deps.logger.warn('billing not loaded', { accountId: account.id, error })
      return { ...empty, error: serializeError(error) }
    }
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date()
  }
}
