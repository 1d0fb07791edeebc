// The console's power bar offers what the fleet's rules offer for that server:
// by provider (elizon has no graceful shutdown) and by power state (a stopped
// server only starts), and nothing for a server the fleet does not know.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ConfirmationService from 'primevue/confirmationservice'
import type { Server } from '@shared/domain'
import PowerMenu from './PowerMenu.vue'
import { createFlotillaI18n } from '../../i18n'
import { createFakeBridge } from '../../testing/fake-bridge'
import { makeAccount, makeServer } from '../../fleet/testing-rows'
import { useFleetStore } from '../../stores/fleet'

let wrapper: VueWrapper | undefined

beforeEach(() => {
  window.flotilla = createFakeBridge({ 'accounts.list': () => [makeAccount('acc_aaaaaaaa', 'Acme')] }).bridge
})
afterEach(() => {
  wrapper?.unmount()
  delete window.flotilla
})

async function offeredFor(server: Server | null): Promise<string[]> {
  const pinia = createPinia()
  setActivePinia(pinia)
  useFleetStore().setSnapshot({ servers: server ? [server] : [], health: [], generatedAt: '2026-01-01T00:00:00.000Z' })
  wrapper = mount(PowerMenu, {
    props: { serverKey: server?.key ?? 'acc_aaaaaaaa:gone', label: 'web-01' },
    global: { plugins: [pinia, createFlotillaI18n('en'), [PrimeVue, { theme: 'none' }], ConfirmationService] }
  })
  await flushPromises()
  return wrapper.findAll('button').map((b) => b.text().trim())
}

describe('console power bar', () => {
  it('offers a running aluy VPS shut down, force stop and restart, not start', async () => {
    expect(await offeredFor(makeServer({ id: 'a1', provider: 'aluy', kind: 'VPS', power: 'running' }))).toEqual(['Shut down', 'Force stop', 'Restart'])
  })
  it('offers a stopped server only start', async () => {
    expect(await offeredFor(makeServer({ id: 'a2', provider: 'aluy', kind: 'VPS', power: 'stopped' }))).toEqual(['Start'])
  })
  it('never offers an elizon server a graceful shutdown its API does not have', async () => {
    expect(await offeredFor(makeServer({ id: 'e1', provider: 'elizon', kind: 'VPS', power: 'running' }))).toEqual(['Force stop', 'Restart'])
  })
  it('offers nothing for a suspended server or one the fleet does not know', async () => {
    expect(await offeredFor(makeServer({ id: 'a3', provider: 'aluy', kind: 'VPS', status: 'suspended' }))).toEqual([])
    expect(wrapper!.text()).toContain('No power actions for this server now')
    expect(await offeredFor(null)).toEqual([])
  })
})
