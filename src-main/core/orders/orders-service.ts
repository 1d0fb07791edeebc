// Catalog, quotes, orders and the side-by-side comparison across accounts.
// Placing is the delicate part: POST /orders is not idempotent, so it is sent
// once, and when its answer is lost (dropped connection, timeout, 5xx) the
// account's orders are read back for the order before a retry is offered.
import type {
  Catalog,
  CompareRow,
  FollowResult,
  OrderDetail,
  OrdersList,
  ParsedPlaceOrderInput,
  PlaceOrderResult,
  PlacedOrder,
  PriceResult,
  PromoResult
} from '../../shared/contracts/orders'
import { customSpecProblems, hourlyFromMonthlyCents, quoteCustomMonthlyCents } from '../../shared/contracts/orders'
import type { Account } from '../../shared/domain'
import { FlotillaError, serializeError } from '../../shared/errors'
import type { AccountContext } from '../providers/provider-adapter'
import { sshFingerprint } from '../ssh-keys/fingerprint'
import { accountOf, featureOf, perAccount, type AccountAccess } from './account-access'
import { answerWasLost, explainOrderError } from './order-errors'
import type { OrderOperations, PriceRequest, ProviderOrder } from './order-operations'

export interface OrdersDeps extends AccountAccess {
  /** Refresh one account's fleet (the new server appears; its status is followed). */
  readonly refreshAccount: (accountId: string) => Promise<void>
}

export interface CompareSpec {
  readonly cpuCores: number
  readonly ramGb: number
  readonly diskGb: number
  readonly country?: string | undefined
}

export class OrdersService {
  constructor(private readonly deps: OrdersDeps) {}

  async catalog(accountId: string): Promise<Catalog> {
    const { account, ops, ctx } = await this.open(accountId)
    const keyOps = this.deps.adapterFor(account.provider).sshKeys
    const [catalog, keys] = await Promise.all([ops.catalog(ctx), keyOps ? keyOps.list(ctx) : Promise.resolve([])])
    return {
      accountId,
      provider: account.provider,
      ...catalog,
      sshKeys: keys.map((k) => ({ id: k.id, name: k.name, fingerprint: sshFingerprint(k.publicKey) ?? '' })),
      ordering: ops.ordering
    }
  }

  async promo(accountId: string, code: string, variantId: string | undefined): Promise<PromoResult> {
    const { ops, ctx } = await this.open(accountId)
    if (!ops.promo) throw new FlotillaError('unavailable', 'This provider checks coupons only at checkout, on its own site.')
    return ops.promo(ctx, code, variantId)
  }

  async price(req: PriceRequest & { accountId: string }): Promise<PriceResult> {
    const { ops, ctx } = await this.open(req.accountId)
    if (!ops.price) throw new FlotillaError('unavailable', 'This provider publishes its prices; the quote is computed in Flotilla.')
    return ops.price(ctx, req)
  }

  /** The same spec priced at every account that can sell it (failures beside the others). */
  async compare(spec: CompareSpec): Promise<CompareRow[]> {
    const accounts = this.deps.accounts().filter((a) => this.deps.adapterFor(a.provider).orders)
    const results = await perAccount(accounts, (account) => this.priceAt(account, spec))
    return results.map(({ account, value, error }) => value ?? { ...emptyRow(account), error: error ?? null })
  }

  async place(input: ParsedPlaceOrderInput): Promise<PlaceOrderResult> {
    const { account, ops, ctx } = await this.open(input.accountId)
    if (!ops.place || !ops.list) throw new FlotillaError('unavailable', 'Orders for this provider continue on its website.')
    // What existed before, so a lost answer is matched only against orders this attempt could have made.
    const before = new Set((await ops.list(ctx)).map((o) => o.id))
    let placed: PlacedOrder
    let recovered = false
    try {
      placed = await ops.place(ctx, input)
    } catch (error) {
      if (!answerWasLost(error)) throw explainOrderError(error)
      this.deps.logger.warn('order answer lost; checking the orders list', { accountId: account.id })
      const found = await this.findPlaced(ops, ctx, before, input.label)
      if (found.kind !== 'found') return found.kind === 'absent' ? { outcome: 'not-placed', error: lostAnswer(error) } : { outcome: 'unknown', error: lostAnswer(error) }
      placed = found.order
      recovered = true
    }
    const serverId = ops.findServiceByLabel ? await ops.findServiceByLabel(ctx, input.label).catch(() => null) : null
    void this.deps.refreshAccount(account.id).catch(() => undefined)
    return {
      outcome: 'placed',
      order: placed,
      recovered,
      serverKey: serverId ? `${account.id}:${serverId}` : null,
      priceDiffers: differsFromQuote(input, placed)
    }
  }

  /** The new server as it is now: refreshed, then asked for its detail (provision issue). */
  async follow(serverKey: string): Promise<FollowResult> {
    const accountId = serverKey.slice(0, serverKey.indexOf(':'))
    const account = accountOf(this.deps, accountId)
    const find = () => this.deps.servers().find((s) => s.key === serverKey)
    await this.deps.refreshAccount(accountId)
    // A refresh already running is joined, and it may have listed before the order existed: ask once more, fresh.
    let server = find()
    if (!server) {
      await this.deps.refreshAccount(accountId)
      server = find()
    }
    if (!server) throw new FlotillaError('not-found', 'The new server is not in the account’s list yet. Try again in a moment.', { accountId })
    const serverOps = this.deps.adapterFor(account.provider).servers
    const detail = serverOps ? await serverOps.detail(await this.deps.contextFor(accountId), server) : null
    const now = detail?.server ?? server
    const provisionIssue = detail?.hasProvisionIssue ?? server.provisionIssue ?? false
    return {
      serverKey,
      status: now.status,
      statusText: now.statusText,
      ipv4: now.primaryIpv4,
      provisionIssue,
      reachable: now.status === 'active' && now.power === 'running' && now.primaryIpv4 !== null && !provisionIssue
    }
  }

  async list(): Promise<OrdersList> {
    const accounts = this.deps.accounts().filter((a) => this.deps.adapterFor(a.provider).orders?.list)
    const results = await perAccount(accounts, async (account) => {
      const { ops, ctx } = await this.open(account.id)
      return ops.list ? ops.list(ctx) : []
    })
    const orders = results.flatMap(({ account, value }) => (value ?? []).map((o) => toRow(account.id, o)))
    orders.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    return { orders, failures: results.flatMap(({ account, error }) => (error ? [{ accountId: account.id, error }] : [])) }
  }

  async detail(accountId: string, orderId: string): Promise<OrderDetail> {
    const { ops, ctx } = await this.open(accountId)
    if (!ops.detail) throw new FlotillaError('unavailable', 'This provider has no order details in its API.')
    return { ...(await ops.detail(ctx, orderId)), key: `${accountId}:${orderId}`, accountId }
  }

  async pay(accountId: string, orderId: string): Promise<{ ok: true }> {
    const { ops, ctx } = await this.open(accountId)
    if (!ops.pay) throw new FlotillaError('unavailable', 'This provider takes payments on its website.')
    try {
      await ops.pay(ctx, orderId)
    } catch (error) {
      throw explainPayError(error)
    }
    void this.deps.refreshAccount(accountId).catch(() => undefined)
    return { ok: true }
  }

  private async open(accountId: string): Promise<{ account: Account; ops: OrderOperations; ctx: AccountContext }> {
    const account = accountOf(this.deps, accountId)
    const ops = featureOf(this.deps, account, 'orders', 'ordering')
    return { account, ops, ctx: await this.deps.contextFor(accountId) }
  }

  private async findPlaced(
    ops: OrderOperations,
    ctx: AccountContext,
    before: ReadonlySet<string>,
    label: string
  ): Promise<{ kind: 'found'; order: PlacedOrder } | { kind: 'absent' } | { kind: 'unreadable' }> {
    try {
      const orders = await (ops.list ?? (() => Promise.resolve([])))(ctx)
      const match = orders.find((o) => !before.has(o.id) && o.lines.some((l) => l.label === label))
      if (!match) return { kind: 'absent' }
      return {
        kind: 'found',
        order: { id: match.id, status: match.status, billingMode: null, period: null, hourlyRateCents: null, totalCents: match.totalCents, discountCents: null, note: null }
      }
    } catch {
      return { kind: 'unreadable' }
    }
  }

  private async priceAt(account: Account, spec: CompareSpec): Promise<CompareRow> {
    const { ops, ctx } = await this.open(account.id)
    if (ops.ordering === 'in-app') {
      const catalog = await ops.catalog(ctx)
      return priceCustom(account, catalog.custom, spec)
    }
    if (!ops.configurableOffers || !ops.price) return { ...emptyRow(account), unavailable: 'no configurable products' }
    const offers = (await ops.configurableOffers(ctx)).filter((o) => fits(o.cpu, spec.cpuCores) && fits(o.ramGb, spec.ramGb) && fits(o.diskGb, spec.diskGb))
    for (const offer of offers) {
      const location = offer.locations.find((l) => !spec.country || l.country === spec.country)
      if (!location) continue
      const price = await ops.price(ctx, { productId: offer.productId, locationId: location.id, cpuCores: spec.cpuCores, ramGb: spec.ramGb, diskGb: spec.diskGb })
      return { ...emptyRow(account), offer: offer.name, location: location.label, monthlyCents: price.netCents, source: 'server-calculated' }
    }
    return { ...emptyRow(account), unavailable: offers.length === 0 ? 'spec outside every product' : 'not sold in that country' }
  }
}

function priceCustom(account: Account, custom: Catalog['custom'], spec: CompareSpec): CompareRow {
  if (!custom || !custom.available) return { ...emptyRow(account), unavailable: 'custom builds are sold out' }
  const build = { cpuCores: spec.cpuCores, ramGb: spec.ramGb, ssdGb: spec.diskGb, location: '', extraIpv4: 0 }
  if (customSpecProblems(custom.limits, build).length > 0) return { ...emptyRow(account), unavailable: 'spec outside the limits' }
  const location = custom.locations.find((l) => !spec.country || l.country === spec.country)
  if (!location) return { ...emptyRow(account), unavailable: 'not sold in that country' }
  const monthlyCents = quoteCustomMonthlyCents(custom.pricing, build)
  return { ...emptyRow(account), offer: 'Custom VPS', location: location.label, monthlyCents, hourlyCents: hourlyFromMonthlyCents(monthlyCents), source: 'published-pricing' }
}

function fits([min, max]: readonly [number, number], v: number): boolean {
  return v >= min && v <= max
}

function emptyRow(account: Account): CompareRow {
  return { accountId: account.id, provider: account.provider, offer: null, location: null, monthlyCents: null, hourlyCents: null, source: null, unavailable: null, error: null }
}

/** The API's figure is the truth; this only flags that it is not what the user confirmed. */
function differsFromQuote(input: ParsedPlaceOrderInput, placed: PlacedOrder): boolean {
  if (input.quotedMonthlyCents === undefined) return false
  if (placed.period === 'hourly' && placed.hourlyRateCents !== null) {
    // Hourly orders carry no discount in the rate; the meter derives from the list price.
    return placed.hourlyRateCents !== hourlyFromMonthlyCents(input.quotedMonthlyCents)
  }
  if (placed.period === 'monthly' && placed.totalCents !== null) {
    return placed.totalCents !== input.quotedMonthlyCents - (placed.discountCents ?? 0)
  }
  return false
}

function toRow(accountId: string, o: ProviderOrder): OrdersList['orders'][number] {
  return { key: `${accountId}:${o.id}`, accountId, id: o.id, status: o.status, currency: o.currency, totalCents: o.totalCents, label: o.label, createdAt: o.createdAt }
}

function lostAnswer(error: unknown): ReturnType<typeof serializeError> {
  const cause = serializeError(error)
  return { ...cause, message: `The provider's answer to the order was lost (${cause.message})` }
}

function explainPayError(error: unknown): unknown {
  if (!(error instanceof FlotillaError)) return error
  const { code: _c, message, ...extra } = error.toJSON()
  if (error.status === 402) return new FlotillaError('payment-required', `The balance does not cover this order: ${message} Top up and pay again.`, extra)
  if (error.status === 404) return new FlotillaError('not-found', 'That order is not waiting for payment any more (paid, cancelled, or not on this account).', extra)
  return error
}
