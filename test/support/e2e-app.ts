// The end-to-end tests' shared set-up: the simulators a test asks for, main's
// real core behind the web harness (temp userData, the real keychain under a
// throwaway service name, the test HTTP client), and the built renderer in
// Debian's Chromium. `close()` takes it all down again, keychain entries and
// temp folder included, however far the start got.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core'
import { createLogger } from '../../src-main/core/logging/logger'
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-secret-store'
import { RENDERER_DIR, startHarness, type Harness, type HarnessOptions } from '../harness/server'
import { startAluySimulator, startElizonSimulator, type AluySimulator, type ElizonSimulator, type SimOptions, type Simulator } from '../simulators/index'
import { launchChromium } from './browser'
import { testHttpClient } from './core-fixture'

export interface E2eAppOptions {
  /** Names the temp folder and the keychain service, so a leftover says which test left it. */
  readonly name: string
  /** Starts the aluy simulator with these options; left out, none runs. */
  readonly aluy?: SimOptions
  /** Starts the elizon simulator with these options; left out, none runs. */
  readonly elizon?: SimOptions
  /** On top of the defaults: the test HTTP client, no fleet refresh on start. */
  readonly harness?: Partial<Omit<HarnessOptions, 'userDataDir' | 'secretStore' | 'logger'>>
  /** On top of the defaults: a 1400×900 viewport, en-US. */
  readonly context?: BrowserContextOptions
  /** Lets the page read and write the clipboard (the "Copy" buttons). */
  readonly clipboard?: boolean
}

interface E2eAppBase {
  readonly harness: Harness
  readonly browser: Browser
  readonly context: BrowserContext
  readonly page: Page
  readonly secrets: KeytarSecretStore
  readonly userDataDir: string
  /** The page's console messages about the Content Security Policy: tests expect none. */
  readonly cspViolations: string[]
  /** The app's address at a route ('billing' → …#/billing), with the harness token. */
  urlOf(route?: string): string
  /** Adds one simulated account through the Accounts handler; fails if its check does. */
  addAccount(sim: Simulator, label: string, colour?: string): Promise<void>
  close(): Promise<void>
}

/** The app with exactly the simulators its options asked for. */
export type E2eApp<O extends E2eAppOptions = E2eAppOptions> = E2eAppBase &
  (O extends { aluy: SimOptions } ? { readonly aluy: AluySimulator } : { readonly aluy?: AluySimulator }) &
  (O extends { elizon: SimOptions } ? { readonly elizon: ElizonSimulator } : { readonly elizon?: ElizonSimulator })

interface Parts {
  aluy?: AluySimulator
  elizon?: ElizonSimulator
  userDataDir?: string
  harness?: Harness
  browser?: Browser
}

export async function startE2eApp<const O extends E2eAppOptions>(options: O): Promise<E2eApp<O>> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npx electron-vite build')
  const secrets = new KeytarSecretStore({ service: `Flotilla-e2e-${options.name}-${randomBytes(4).toString('hex')}` })
  const parts: Parts = {}
  const close = () => closeParts(parts, secrets)
  try {
    if (options.aluy) parts.aluy = await startAluySimulator(options.aluy)
    if (options.elizon) parts.elizon = await startElizonSimulator(options.elizon)
    const userDataDir = (parts.userDataDir = await mkdtemp(join(tmpdir(), `flotilla-e2e-${options.name}-`)))
    const harness = (parts.harness = await startHarness({
      http: testHttpClient(),
      refreshOnStart: false,
      // Background detail calls (aluy locations) would mix into the requests and faults the tests arrange.
      learnFacts: false,
      ...options.harness,
      userDataDir,
      secretStore: secrets,
      logger: createLogger({ file: join(userDataDir, 'logs', 'flotilla.log') })
    }))
    const browser = (parts.browser = await launchChromium())
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', ...options.context })
    if (options.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin })
    const page = await context.newPage()
    const cspViolations = collectCspViolations(page)
    const app: E2eAppBase & { aluy?: AluySimulator; elizon?: ElizonSimulator } = {
      ...parts,
      harness,
      browser,
      context,
      page,
      secrets,
      userDataDir,
      cspViolations,
      urlOf: (route = '') => harness.url.replace('#/', `#/${route}`),
      addAccount: (sim, label, colour) => addAccount(harness, sim, label, colour),
      close
    }
    return app as E2eApp<O>
  } catch (error) {
    await close()
    throw error
  }
}

/** Closes what was started, in reverse: browser, harness, simulators, keychain entries, temp folder. */
async function closeParts(parts: Parts, secrets: KeytarSecretStore): Promise<void> {
  await parts.browser?.close()
  await parts.harness?.close()
  await parts.aluy?.close()
  await parts.elizon?.close()
  for (const id of await secrets.list().catch(() => [])) await secrets.delete(id)
  if (parts.userDataDir) await rm(parts.userDataDir, { recursive: true, force: true })
}

async function addAccount(harness: Harness, sim: Simulator, label: string, colour = '#336699'): Promise<void> {
  const saved = await harness.core.handlers['accounts.add']({ provider: sim.provider, label, colour, baseUrl: sim.url, credential: sim.accounts[0]!.credential })
  if (!saved.account) throw new Error(`could not add ${label}: ${saved.verify?.outcome}`)
}

function collectCspViolations(page: Page): string[] {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  return violations
}

/** The app's main navigation (the sidebar's page links). */
export function nav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' })
}

/** `text` as a RegExp source that matches it literally (labels carry dots and brackets). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The page's focus as the tests read it (no DOM lib in the tests' types). */
interface FocusedElement {
  id: string
  tagName: string
  getAttribute(name: string): string | null
}

/** The id of the element that has the focus ('' when it has none or no id). */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { document: { activeElement: FocusedElement | null } }).document.activeElement?.id ?? '')
}

/** Whether `field`'s element is the one with the focus. */
export function hasFocus(field: Locator): Promise<boolean> {
  return field.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)
}

/**
 * Types `text` as a person does: clicks the field (a person looks at it and
 * clicks), checks it really has the focus, and presses the keys one by one, so
 * a field that loses the focus or re-renders while typed into loses keys here
 * as it would for the user. `replace` first selects what is there (Ctrl+A).
 * Use `fill()` only for what a person would paste (and say so: `// pasted`).
 */
export async function typeInto(field: Locator, text: string, options: { replace?: boolean } = {}): Promise<void> {
  await field.click()
  if (!(await hasFocus(field))) throw new Error(`clicking ${String(field)} did not give it the focus`)
  const keyboard = field.page().keyboard
  if (options.replace) {
    await keyboard.press('ControlOrMeta+a')
    await keyboard.press('Backspace')
  }
  await keyboard.type(text)
}
