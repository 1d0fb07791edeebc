// The App-level staff-answer notification: main's `tickets.staffReplied` event
// becomes one desktop notification (only with the setting on and permission
// granted), naming the ticket and the account; a click opens the ticket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import type { StaffReplied } from '@shared/contracts/tickets'
import { createFlotillaI18n } from '../i18n'
import { useAccountsStore } from '../stores/accounts'
import { useAppStore } from '../stores/app'
import { createFakeBridge, type FakeBridge } from '../testing/fake-bridge'
import { useTicketNotifications } from './useTicketNotifications'

class FakeNotification {
  static permission: NotificationPermission = 'granted'
  static shown: FakeNotification[] = []
  onclick: (() => void) | null = null
  constructor(
    readonly title: string,
    readonly options: NotificationOptions
  ) {
    FakeNotification.shown.push(this)
  }
}

const reply: StaffReplied = { accountId: 'acc_aaaaaaaa', ticketId: '42', key: 'acc_aaaaaaaa:42', subject: 'Disk full' }
let fake: FakeBridge
let wrapper: VueWrapper | undefined
let router: Router
const realNotification = globalThis.Notification

beforeEach(async () => {
  FakeNotification.shown = []
  FakeNotification.permission = 'granted'
  globalThis.Notification = FakeNotification as unknown as typeof Notification
  fake = createFakeBridge()
  window.flotilla = fake.bridge
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/tickets', name: 'tickets', component: { render: () => null } }
    ]
  })
  await router.push('/')
  const pinia = createPinia()
  const Host = defineComponent({ setup: () => (useTicketNotifications(), () => h('div')) })
  wrapper = mount(Host, { global: { plugins: [pinia, router, createFlotillaI18n('en')] } })
  useAccountsStore().list = [
    { id: 'acc_aaaaaaaa', label: 'Acme aluy', provider: 'aluy', colour: '#16a34a', baseUrl: 'https://x.test/api', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }
  ]
  await flushPromises()
})
afterEach(() => {
  wrapper?.unmount()
  delete window.flotilla
  globalThis.Notification = realNotification
})

describe('useTicketNotifications', () => {
  it('subscribes once, at App level', () => {
    expect(fake.listenerCount('tickets.staffReplied')).toBe(1)
  })

  it('with the setting on: one notification naming the ticket and the account; a click opens the ticket', async () => {
    useAppStore().settings = { ...useAppStore().settings, ticketNotifications: true }
    fake.emit('tickets.staffReplied', reply)
    expect(FakeNotification.shown).toHaveLength(1)
    const note = FakeNotification.shown[0]!
    expect(note.title).toBe('Support answered: Disk full')
    expect(note.options.body).toBe('Acme aluy')
    note.onclick?.()
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('tickets')
    expect(router.currentRoute.value.query.open).toBe(reply.key)
  })

  it('nothing with the setting off, or without the system permission', () => {
    useAppStore().settings = { ...useAppStore().settings, ticketNotifications: false }
    fake.emit('tickets.staffReplied', reply)
    useAppStore().settings = { ...useAppStore().settings, ticketNotifications: true }
    FakeNotification.permission = 'denied'
    fake.emit('tickets.staffReplied', reply)
    expect(FakeNotification.shown).toEqual([])
  })

  it('unsubscribes when the app unmounts', () => {
    wrapper?.unmount()
    wrapper = undefined
    expect(fake.listenerCount('tickets.staffReplied')).toBe(0)
  })
})
