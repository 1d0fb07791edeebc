// Accessibility of every page, end to end: the built renderer in Chromium with
// both simulators' accounts, each page (and its dialogs, drawers and tabs) brought
// into view, then axe-core run over the whole document with the WCAG 2.1 A/AA
// rules, in the light and the dark theme, and a few pages in German. Any
// violation of impact "serious" or "critical" fails the scene, listing each rule,
// the elements it hit and axe's summary of what to fix.
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Settings } from '../../src-main/shared/contract'
import { backupsOf } from '../simulators/elizon/routes/backups'
import { firewallOf } from '../simulators/elizon/routes/firewall'
import { escapeRegExp, startE2eApp, typeInto, type E2eApp, type E2eAppOptions } from '../support/e2e-app'

const options = {
  name: 'a11y',
  aluy: { seed: 31, accounts: 1, serversPerAccount: 4, invoicesPerAccount: 3 },
  elizon: { seed: 31, accounts: 1, serversPerAccount: 3, invoicesPerAccount: 3, rateLimit: { limit: 10_000, windowMs: 60_000 } }
} satisfies E2eAppOptions

/** axe-core's own script, evaluated in the page through the DevTools protocol (which the CSP does not govern). */
const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source
const WCAG_21_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const FAILING_IMPACTS = new Set(['serious', 'critical'])

let app: E2eApp<typeof options>
let page: Page

beforeAll(async () => {
  app = await startE2eApp(options)
  page = app.page
  await app.addAccount(app.aluy, 'Acme aluy', '#2f6fde')
  await app.addAccount(app.elizon, 'Beta elizon', '#d9822b')
  const { handlers } = app.harness.core
  const fleet = await handlers['fleet.refresh'](undefined)
  await handlers['invoices.refresh'](undefined)
  // One action, so the Activity page has a row (a result tag, an account chip) to audit.
  const running = fleet.servers.find((s) => s.provider === 'aluy' && s.power === 'running')!
  await handlers['servers.action']({ key: running.key, action: 'restart' })
})

afterAll(() => app?.close())

/** One violated rule as the test prints it. */
interface Finding {
  readonly rule: string
  readonly impact: string
  readonly help: string
  readonly nodes: readonly { readonly target: string; readonly summary: string }[]
}

/** The shape of axe.run's answer this test reads. */
interface AxeViolation {
  id: string
  impact?: string | null
  help: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/** The page's globals this test touches, typed by hand: this Node program has no DOM types. */
interface PageGlobals {
  axe?: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> }
  document: {
    documentElement: { lang: string; classList: { contains(name: string): boolean } }
    getAnimations(): { finished: Promise<unknown> }[]
  }
}

async function injectAxe(): Promise<void> {
  const present = await page.evaluate(() => typeof (globalThis as unknown as PageGlobals).axe === 'object')
  if (!present) await page.evaluate(AXE_SOURCE)
}

/** Runs axe over the whole document; answers the serious and critical violations. */
async function audit(): Promise<Finding[]> {
  await settled()
  await injectAxe()
  const violations = await page.evaluate(async (tags) => {
    const { axe, document } = globalThis as unknown as Required<PageGlobals>
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: n.failureSummary ?? '' }))
    }))
  }, WCAG_21_A_AA)
  return violations
    .filter((v) => FAILING_IMPACTS.has(v.impact))
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes }))
}

function describeFindings(scene: string, findings: readonly Finding[]): string {
  const lines = findings.flatMap((f) => [
    `${scene}: ${f.rule} (${f.impact}) — ${f.help}`,
    ...f.nodes.map((n) => `    ${n.target}\n      ${n.summary.replace(/\n/g, '\n      ')}`)
  ])
  return lines.join('\n')
}

async function expectAccessible(scene: string): Promise<void> {
  const findings = await audit()
  if (findings.length > 0) console.error(describeFindings(scene, findings))
  expect(findings.map((f) => `${f.rule}: ${f.nodes.map((n) => n.target).join(', ')}`), describeFindings(scene, findings)).toEqual([])
}

/** Stores the theme and language in main's settings and reloads, as a restart would show them. */
async function useSettings(settings: Pick<Settings, 'theme' | 'locale'>): Promise<void> {
  await app.harness.core.handlers['settings.set'](settings)
  await page.goto(app.urlOf('fleet'))
  await page.reload()
  // (A hook cannot poll with expect; the page waits for itself.)
  await page.waitForFunction(
    ({ dark, lang }) => {
      const { documentElement } = (globalThis as unknown as PageGlobals).document
      return documentElement.classList.contains('flotilla-dark') === dark && documentElement.lang === lang
    },
    { dark: settings.theme === 'dark', lang: settings.locale }
  )
}

async function visit(route: string, heading: string | RegExp): Promise<void> {
  await page.goto(app.urlOf(route))
  await page.getByRole('heading', { level: 1, name: heading }).waitFor()
}

/** Waits for running CSS transitions and animations (a dialog fading in, a tab's colour changing): half-way colours are no one's theme. */
async function settled(): Promise<void> {
  await page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals
    return Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))
  })
}

const firstServer = () => app.aluy.state.servicesOf(app.aluy.accounts[0]!.id)[0]!.label

/** A running elizon KVM server with at least one finished backup (made through the core when the seed has none). */
async function elizonServerWithBackups(): Promise<string> {
  const { state } = app.elizon
  const running = state.servicesOf(app.elizon.accounts[0]!.id).filter((s) => s.type === 'PROXMOX' && s.status === 'RUNNING')
  const seeded = running.find((s) => backupsOf(state, s).length > 0)
  if (seeded) return seeded.name
  const vps = running[0]!
  const fleet = await app.harness.core.handlers['fleet.get'](undefined)
  await app.harness.core.handlers['backups.create']({ key: fleet.servers.find((s) => s.provider === 'elizon' && s.id === vps.id)!.key, name: 'audit' })
  for (const b of backupsOf(state, vps)) b.busyUntilMs = Date.now()
  return vps.name
}

/** A running elizon KVM server with at least one firewall rule (added through the core when the seed has none). */
async function elizonServerWithFirewallRules(): Promise<string> {
  const { state } = app.elizon
  const running = state.servicesOf(app.elizon.accounts[0]!.id).filter((s) => s.type === 'PROXMOX' && s.status === 'RUNNING')
  const seeded = running.find((s) => firewallOf(state, s).length > 0)
  if (seeded) return seeded.name
  const vps = running[0]!
  const fleet = await app.harness.core.handlers['fleet.get'](undefined)
  const key = fleet.servers.find((s) => s.provider === 'elizon' && s.id === vps.id)!.key
  await app.harness.core.handlers['firewall.create']({ key, rule: { direction: 'in', action: 'ACCEPT', protocol: 'tcp', port: '22', source: undefined, comment: 'ssh', enabled: true } })
  return vps.name
}

/** The pages and states the English passes visit; each leaves the page ready to audit. */
const ENGLISH_SCENES: Record<string, () => Promise<void>> = {
  Fleet: async () => {
    await visit('fleet', 'Fleet')
    await page.getByRole('table', { name: 'Servers' }).getByRole('row', { name: new RegExp(firstServer()) }).first().waitFor()
  },
  'Fleet, server detail open': async () => {
    await visit(`fleet`, 'Fleet')
    await page.getByRole('table', { name: 'Servers' }).getByRole('row', { name: new RegExp(firstServer()) }).first().click()
    await page.getByRole('dialog', { name: `Server ${firstServer()}` }).getByRole('button', { name: 'Force stop' }).waitFor()
  },
  'Fleet, server detail with backups': async () => {
    const label = await elizonServerWithBackups()
    await visit('fleet', 'Fleet')
    await page.getByRole('table', { name: 'Servers' }).getByRole('row', { name: new RegExp(`\\b${escapeRegExp(label)}\\b`) }).first().click()
    const drawer = page.getByRole('dialog', { name: `Server ${label}` })
    await drawer.getByRole('table', { name: `Backups of ${label}` }).getByRole('button', { name: /^Restore / }).first().click()
    await drawer.getByRole('group', { name: 'Confirm: Restore backup' }).waitFor()
  },
  'Fleet, server detail with a firewall rule problem and a delete confirmation': async () => {
    const label = await elizonServerWithFirewallRules()
    await visit('fleet', 'Fleet')
    await page.getByRole('table', { name: 'Servers' }).getByRole('row', { name: new RegExp(`\\b${escapeRegExp(label)}\\b`) }).first().click()
    const section = page.getByRole('dialog', { name: `Server ${label}` }).getByRole('region', { name: 'Firewall' })
    await typeInto(section.getByLabel('Port or range (e.g. 22 or 8000:8100)'), '70000')
    await section.getByRole('button', { name: 'Add rule' }).click()
    await section.getByText('Enter a port from 1 to 65535, or a range such as 8000:8100.').waitFor()
    await section.getByRole('table', { name: `Firewall rules of ${label}` }).getByRole('button', { name: /^Delete rule / }).first().click()
    await section.getByRole('group', { name: 'Confirm: Delete firewall rule' }).waitFor()
  },
  'Fleet, server detail with a firewall rule being edited': async () => {
    const label = await elizonServerWithFirewallRules()
    await visit('fleet', 'Fleet')
    await page.getByRole('table', { name: 'Servers' }).getByRole('row', { name: new RegExp(`\\b${escapeRegExp(label)}\\b`) }).first().click()
    const section = page.getByRole('dialog', { name: `Server ${label}` }).getByRole('region', { name: 'Firewall' })
    await section.getByRole('table', { name: `Firewall rules of ${label}` }).getByRole('button', { name: /^Edit rule / }).first().click()
    await section.getByRole('group', { name: /^Change rule / }).getByRole('button', { name: 'Save changes' }).waitFor()
  },
  'Fleet, column order open': async () => {
    await visit('fleet', 'Fleet')
    await page.getByRole('button', { name: 'Column order' }).click()
    await page.getByRole('button', { name: 'Reset columns' }).waitFor()
  },
  Consoles: async () => {
    await visit('consoles', 'Consoles')
  },
  'Billing, invoices': async () => {
    await visit('billing', 'Billing')
    await page.getByRole('table', { name: 'Invoices' }).getByRole('row').nth(1).waitFor()
  },
  'Billing, invoice detail': async () => {
    await visit('billing', 'Billing')
    const table = page.getByRole('table', { name: 'Invoices' })
    await table.getByRole('row').nth(1).getByRole('button').first().click()
    await page.getByRole('region', { name: /^Invoice / }).getByRole('button', { name: 'Open PDF' }).waitFor()
  },
  'Billing, overview': async () => {
    await visit('billing', 'Billing')
    await page.getByRole('tab', { name: 'Overview' }).click()
    await page.getByRole('tabpanel', { name: 'Overview' }).getByText('Acme aluy').first().waitFor()
  },
  'Orders, new order (aluy)': async () => {
    await visit('orders', 'Orders')
    const builder = page.getByRole('region', { name: 'New order' })
    await builder.getByLabel('Account', { exact: true }).selectOption({ label: 'Acme aluy (aluy)' })
    await builder.getByLabel('vCPU cores').waitFor()
  },
  'Orders, new order (elizon)': async () => {
    await visit('orders', 'Orders')
    const builder = page.getByRole('region', { name: 'New order' })
    await builder.getByLabel('Account', { exact: true }).selectOption({ label: 'Beta elizon (elizon)' })
    await builder.getByRole('button', { name: 'Calculate price' }).waitFor()
  },
  'Orders, list': async () => {
    await visit('orders', 'Orders')
    await page.getByRole('tab', { name: 'Orders' }).click()
    await page.getByRole('tabpanel', { name: 'Orders' }).getByRole('button', { name: /^Open order / }).first().waitFor()
  },
  'Orders, compare': async () => {
    await visit('orders', 'Orders')
    await page.getByRole('tab', { name: 'Compare prices' }).click()
    await page.getByRole('tabpanel', { name: 'Compare prices' }).waitFor()
  },
  'SSH keys, matrix': async () => {
    await visit('ssh-keys', 'SSH keys')
    await page.getByRole('table', { name: 'Keys by account' }).waitFor()
  },
  'SSH keys, add': async () => {
    await visit('ssh-keys', 'SSH keys')
    await page.getByRole('tab', { name: 'Add a key to accounts' }).click()
    await page.getByRole('form', { name: 'Add a key to accounts' }).waitFor()
  },
  'SSH keys, generate': async () => {
    await visit('ssh-keys', 'SSH keys')
    await page.getByRole('tab', { name: 'Generate a key pair' }).click()
    await page.getByRole('tabpanel', { name: 'Generate a key pair' }).waitFor()
  },
  'Tickets, thread open': async () => {
    await visit('tickets', 'Tickets')
    const list = page.getByRole('table', { name: 'Tickets' })
    await list.getByRole('button').first().click()
    await page.getByRole('region', { name: /^Ticket / }).getByLabel('Your reply').waitFor()
  },
  'Tickets, new ticket': async () => {
    await visit('tickets', 'Tickets')
    await page.getByRole('button', { name: 'New ticket' }).click()
    await page.getByRole('heading', { name: 'New ticket' }).waitFor()
  },
  Accounts: async () => {
    await visit('accounts', 'Accounts')
    await page.getByRole('table', { name: 'Accounts' }).getByRole('row', { name: /Acme aluy/ }).waitFor()
  },
  'Accounts, add dialog': async () => {
    await visit('accounts', 'Accounts')
    await page.getByRole('button', { name: 'Add account' }).click()
    await page.getByRole('dialog', { name: 'Add account' }).waitFor()
  },
  Activity: async () => {
    await visit('activity', 'Activity')
    await page.getByRole('table', { name: 'Activity log' }).getByRole('row').nth(1).waitFor()
  },
  'Command palette': async () => {
    await visit('fleet', 'Fleet')
    await page.keyboard.press('Control+k')
    await page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox').waitFor()
  }
}

/** German passes go by address and structure, so they need few of the German names. */
const GERMAN_SCENES: Record<string, () => Promise<void>> = {
  Fleet: async () => {
    await page.goto(app.urlOf('fleet'))
    await page.getByRole('table').getByRole('row', { name: new RegExp(firstServer()) }).first().waitFor()
  },
  Billing: async () => {
    await page.goto(app.urlOf('billing'))
    // By name: the page before (a hash route away) may still show its own table for a moment.
    await page.getByRole('table', { name: 'Rechnungen' }).getByRole('row').nth(1).waitFor()
  },
  Orders: async () => {
    await page.goto(app.urlOf('orders'))
    await page.locator('#order-account').selectOption({ label: 'Acme aluy (aluy)' })
    await page.locator('#order-cpu').waitFor()
  },
  Accounts: async () => {
    await page.goto(app.urlOf('accounts'))
    await page.getByRole('table').getByRole('row', { name: /Acme aluy/ }).waitFor()
  },
  Activity: async () => {
    await page.goto(app.urlOf('activity'))
    await page.getByRole('heading', { level: 1, name: 'Aktivität' }).waitFor()
    await page.getByRole('table').getByRole('row').nth(1).waitFor()
  }
}

describe.each([
  { theme: 'light', locale: 'en', scenes: ENGLISH_SCENES },
  { theme: 'dark', locale: 'en', scenes: ENGLISH_SCENES },
  { theme: 'light', locale: 'de', scenes: GERMAN_SCENES },
  { theme: 'dark', locale: 'de', scenes: GERMAN_SCENES }
] as const)('accessibility (WCAG 2.1 A/AA), $theme theme, $locale', ({ theme, locale, scenes }) => {
  beforeAll(() => useSettings({ theme, locale }))

  it.each(Object.keys(scenes))('%s has no serious or critical violation', async (scene) => {
    await scenes[scene]!()
    await expectAccessible(`${theme}/${locale} ${scene}`)
  })

  it('the audit ran under the app’s own CSP without tripping it', () => {
    expect(app.cspViolations).toEqual([])
  })
})
