// Issue 16, planted bug 5: the bulk confirmation's Cancel must not run the
// action. The bar is mounted over a fake bridge with servers of two accounts
// selected; what reaches the bridge is what main would be asked to do.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ToastService from 'primevue/toastservice'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { JobProgress } from '@shared/contracts/fleet'
import { createFlotillaI18n } from '../../i18n'
import { makeAccount, makeServer } from '../../fleet/testing-rows'
import { useAccountsStore } from '../../stores/accounts'
import { useFleetStore } from '../../stores/fleet'
import { useFleetViewStore } from '../../stores/fleet-view'
import { createFakeBridge, type FakeBridge } from '../../testing/fake-bridge'
import BulkBar from './BulkBar.vue'

const servers = [
  makeServer({ id: 's1', accountId: 'acc_aaaaaaaa', label: 'web-1' }),
  makeServer({ id: 's2', accountId: 'acc_aaaaaaaa', label: 'web-2' }),
  makeServer({ id: 's3', accountId: 'acc_bbbbbbbb', provider: 'elizon', label: 'game-1' })
]

let fake: FakeBridge
let wrapper: VueWrapper | undefined

function started(keys: string[]): JobProgress {
  return {
    jobId: 'job-1',
    action: 'restart',
    total: keys.length,
    done: 0,
    failed: 0,
    finished: false,
    startedAt: '2026-12-02T12:00:00.000Z',
    finishedAt: null,
    items: servers.filter((s) => keys.includes(s.key)).map((s) => ({ key: s.key, accountId: s.accountId, provider: s.provider, label: s.label, state: 'queued' as const }))
  }
}

beforeEach(async () => {
  fake = createFakeBridge({ 'servers.bulk': (input) => started((input as { keys: string[] }).keys) })
  window.flotilla = fake.bridge
  const pinia = createPinia()
  setActivePinia(pinia)
  useAccountsStore().list = [makeAccount('acc_aaaaaaaa', 'Acme aluy'), makeAccount('acc_bbbbbbbb', 'Beta elizon', 'elizon')]
  useFleetStore().servers = servers
  useFleetViewStore().setSelected(servers.map((s) => s.key))
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }] })
  wrapper = mount(BulkBar, {
    attachTo: document.body,
    global: { plugins: [pinia, router, createFlotillaI18n('en'), [PrimeVue, { theme: 'none' }], ToastService] }
  })
  await flushPromises()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  delete window.flotilla
})

/** Buttons anywhere in the document (the dialog is teleported to <body>), by accessible name. */
function button(name: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name)
  if (!found) throw new Error(`no button "${name}"; there are: ${[...document.querySelectorAll('button')].map((b) => b.textContent?.trim()).join(' | ')}`)
  return found
}
const dialog = () => document.querySelector('[role="dialog"]')
const bulkCalls = () => fake.calls.filter((c) => c.channel === 'servers.bulk')

async function click(name: string): Promise<void> {
  button(name).click()
  await flushPromises()
}

describe('BulkBar confirmation', () => {
  it('asks first, naming every account and how many of its servers', async () => {
    await click('Restart')
    expect(dialog()?.textContent).toContain('Restart on these servers:')
    expect(dialog()?.textContent).toContain('Acme aluy: 2 servers')
    expect(dialog()?.textContent).toContain('Beta elizon: 1 server')
    expect(bulkCalls()).toEqual([])
  })

  it('Cancel closes the dialog and starts nothing', async () => {
    await click('Restart')
    await click('Cancel')
    expect(bulkCalls()).toEqual([])
    expect(fake.calls.map((c) => c.channel)).not.toContain('servers.bulk')
    expect(dialog()).toBeNull()
  })

  it('Run starts exactly one job with every selected server', async () => {
    await click('Restart')
    await click('Restart on 3 servers')
    expect(bulkCalls()).toEqual([{ channel: 'servers.bulk', input: { keys: servers.map((s) => s.key), action: 'restart' } }])
    expect(dialog()?.textContent).toContain('0 of 3 done')
  })
})
