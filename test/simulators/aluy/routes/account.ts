// GET/PATCH /balance: wallet, billing mode, transactions, invoice auto-charge.
import { readJson } from '../../core/body'
import { json } from '../../core/reply'
import { fail, type AluyRouter } from '../context'

export function registerAccountRoutes(router: AluyRouter): void {
  router.get('/balance', ({ account }) =>
    json(200, {
      balanceCents: account.balanceCents,
      billingMode: account.billingMode,
      invoiceAutoCharge: { ...account.invoiceAutoCharge },
      transactions: account.transactions.slice(0, 50)
    })
  )

  router.patch('/balance', async ({ req, account }) => {
    const body = await readJson(req)
    const value = body.ok && typeof body.value === 'object' && body.value !== null ? (body.value as Record<string, unknown>).invoiceAutoCharge : undefined
    if (typeof value !== 'boolean') return fail(400, 'Field `invoiceAutoCharge` must be a boolean.')
    if (!value && account.billingMode === 'PREPAID') {
      return fail(409, 'Auto balance charge cannot be disabled while billing mode is PREPAID. Switch to POSTPAID first.')
    }
    account.invoiceAutoCharge.enabled = value
    return json(200, { invoiceAutoCharge: { ...account.invoiceAutoCharge } })
  })
}
