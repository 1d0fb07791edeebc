// Orders, SSH keys and tickets end to end: the built renderer in Chromium, main's
// real core through the web harness, the simulators and the real keychain.
// A custom order with a promo followed to a reachable server, one key pushed to
// every account, and a reply to a support ticket.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSshPublicKey } from '../integration/commerce-support'
import type { AluySimulator } from '../simulators/index'
import { hasFocus, startE2eApp, typeInto, type E2eApp, type E2eAppOptions } from '../support/e2e-app'

const options = {
  name: 'orders',
  aluy: { seed: 66, accounts: 1, serversPerAccount: 2, invoicesPerAccount: 1 },
  elizon: { seed: 66, accounts: 1, serversPerAccount: 2, invoicesPerAccount: 1, rateLimit: { limit: 10_000, windowMs: 60_000 } }
} satisfies E2eAppOptions

let app: E2eApp<typeof options>
let aluy: AluySimulator
let page: Page

beforeAll(async () => {
  app = await startE2eApp(options)
  aluy = app.aluy
  page = app.page
  await app.addAccount(aluy, 'Acme aluy')
  await app.addAccount(app.elizon, 'Beta elizon')
})

afterAll(() => app?.close())

describe('orders, keys and tickets, end to end', () => {
  it('places a custom monthly order with a promo code and follows the new server until it is reachable', async () => {
    await page.goto(app.urlOf('orders'))
    // The other tabs' panels are in the page too (hidden): work inside the builder.
    const builder = page.getByRole('region', { name: 'New order' })
    await builder.getByLabel('Account', { exact: true }).selectOption({ label: 'Acme aluy (aluy)' })
    for (const [name, value] of [['vCPU cores', '2'], ['RAM (GB)', '4'], ['Disk (GB)', '60']] as const) {
      await typeInto(builder.getByLabel(name), value, { replace: true })
      expect(await builder.getByLabel(name).inputValue()).toBe(value)
    }
    await builder.getByText('Monthly', { exact: true }).click()
    const promo = builder.getByLabel('Promo code')
    await typeInto(promo, 'SUMMER10')
    expect(await promo.inputValue()).toBe('SUMMER10')
    await builder.getByRole('button', { name: 'Check code' }).click()
    await expect.poll(() => builder.getByRole('status').filter({ hasText: 'Code applies: 10 % off.' }).count()).toBe(1)
    // 4 GB × €2 + 2 cores × €3 + 6 × 10 GB × €1 = €20.00, minus 10 %.
    await expect.poll(() => builder.getByRole('status', { name: 'Price quote' }).textContent()).toContain('€18.00 a month')
    const label = builder.getByLabel('Label')
    await typeInto(label, 'e2e-web-01')
    expect(await label.inputValue()).toBe('e2e-web-01')
    await builder.getByRole('button', { name: 'Review order' }).click()

    const dialog = page.getByRole('dialog', { name: 'Confirm order' })
    // It opens on Cancel: an order costs money, so an Enter pressed at once places nothing.
    await expect.poll(() => hasFocus(dialog.getByRole('button', { name: 'Cancel' }))).toBe(true)
    await expect.poll(() => dialog.getByText('Acme aluy').count()).toBe(1)
    await expect.poll(() => dialog.getByText('€18.00 charged now for the month').count()).toBe(1)
    await dialog.getByRole('button', { name: 'Place order' }).click()

    const result = page.getByRole('region', { name: 'Order result' })
    await expect.poll(() => result.getByText('Order placed.', { exact: false }).count(), { timeout: 15_000 }).toBe(1)
    await expect.poll(() => result.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/The server is up and reachable at \d+\.\d+\.\d+\.\d+/)
    const service = aluy.state.servicesOf(aluy.accounts[0]!.id).find((s) => s.label === 'e2e-web-01')!
    expect(service.status).toBe('ACTIVE')
    const order = aluy.state.account(aluy.accounts[0]!.id).orders[0]!
    expect(order.totalCents).toBe(1800)
  })

  it('pushes one public key to every account and shows it in the matrix', async () => {
    await page.goto(app.urlOf('ssh-keys'))
    await page.getByRole('tab', { name: 'Add a key to accounts' }).click()
    const form = page.getByRole('form', { name: 'Add a key to accounts' })
    const keyName = form.getByLabel('Key name')
    await typeInto(keyName, 'e2e-laptop')
    expect(await keyName.inputValue()).toBe('e2e-laptop')
    await form.getByLabel('Public key (OpenSSH)').fill(openSshPublicKey('e2e@laptop')) // pasted
    await expect.poll(() => form.getByText('Looks like a valid ssh-ed25519 public key.').count()).toBe(1)
    await form.getByRole('button', { name: 'Add to chosen accounts' }).click()
    const results = form.getByRole('list', { name: 'Result per account' })
    await expect.poll(() => results.getByText('added').count(), { timeout: 15_000 }).toBe(2)

    await page.getByRole('tab', { name: 'Keys by account' }).click()
    const row = page.getByRole('table', { name: 'Keys by account' }).getByRole('row').filter({ hasText: 'e2e-laptop' })
    await expect.poll(() => row.getByText('present').count()).toBe(2)
  })

  it('replies to a support ticket', async () => {
    await page.goto(app.urlOf('tickets'))
    const ticket = aluy.state.account(aluy.accounts[0]!.id).tickets.find((t) => t.status === 'AWAITING_CUSTOMER')!
    await page.getByRole('button', { name: `${ticket.subject} (new answer)` }).click()
    const thread = page.getByRole('region', { name: `Ticket ${ticket.subject}` })
    await expect.poll(() => thread.getByText('Done - rDNS updated.').count()).toBe(1)
    const reply = thread.getByLabel('Your reply')
    await typeInto(reply, 'Thanks, confirmed working.')
    expect(await reply.inputValue()).toBe('Thanks, confirmed working.')
    expect(await hasFocus(reply)).toBe(true)
    await thread.getByRole('button', { name: 'Send reply' }).click()
    await expect.poll(() => thread.getByText('Thanks, confirmed working.').count(), { timeout: 15_000 }).toBe(1)
    expect(ticket.messages.at(-1)?.body).toBe('Thanks, confirmed working.')
    expect(ticket.status).toBe('AWAITING_STAFF')
  })
})
