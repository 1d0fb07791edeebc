// Issue 16, planted bug 6: fleet desktop notifications obey the user's setting.
// The composable is mounted as the app mounts it; main's `fleet.delta` pushes
// arrive through the (fake) bridge with the transitions main derives when a
// server finishes provisioning, fails to, or is suspended
// (test/integration/planted-fleet-transitions.test.ts checks main derives them).
// Setting off (the default) → nothing, whatever the system allows; on → one
// notification per transition, in the user's words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { FleetDelta, ServerTransition } from '@shared/contracts/fleet'
import { createFlotillaI18n } from '../i18n'
import { makeServer } from '../fleet/testing-rows'
import { useAppStore } from '../stores/app'
import { useFleetStore } from '../stores/fleet'
import { createFakeBridge, type FakeBridge } from '../testing/fake-bridge'
import { notificationsAllowed, requestNotifications, useFleetNotifications } from './useFleetNotifications'

class FakeNotification {
  static permission: NotificationPermission = 'granted'
  static shown: FakeNotification[] = []
  constructor(
    readonly title: string,
    readonly options: NotificationOptions
  ) {
    FakeNotification.shown.push(this)
  }
}

const ACCOUNT = 'acc_aaaaaaaa'
const transition = (id: string, label: string, kind: ServerTransition['kind'], from: ServerTransition['from'], to: ServerTransition['to']): ServerTransition => ({
  key: `${ACCOUNT}:${id}`,
  accountId: ACCOUNT,
  label,
  kind,
  from,
  to
})

/** What main pushes when web-1 finishes provisioning, web-2's provisioning fails and db-1 is suspended. */
const delta: FleetDelta = {
  upserts: [
    makeServer({ id: 's1', accountId: ACCOUNT, label: 'web-1', status: 'active' }),
    makeServer({ id: 's2', accountId: ACCOUNT, label: 'web-2', status: 'pending', provisionIssue: true }),
    makeServer({ id: 's3', accountId: ACCOUNT, label: 'db-1', status: 'suspended', power: 'stopped' })
  ],
  removedKeys: [],
  renamedKeys: [],
  transitions: [
    transition('s1', 'web-1', 'provisioned', { status: 'pending', power: 'stopped' }, { status: 'active', power: 'running' }),
    transition('s2', 'web-2', 'provision-failed', { status: 'pending', power: 'stopped' }, { status: 'pending', power: 'stopped' }),
    transition('s3', 'db-1', 'suspended', { status: 'active', power: 'running' }, { status: 'suspended', power: 'stopped' })
  ],
  generatedAt: '2026-12-02T12:00:00.000Z'
}

let fake: FakeBridge
let pinia: Pinia
let wrapper: VueWrapper | undefined
let unsubscribe: () => void
const realNotification = globalThis.Notification

beforeEach(async () => {
  FakeNotification.shown = []
  FakeNotification.permission = 'granted'
  globalThis.Notification = FakeNotification as unknown as typeof Notification
  fake = createFakeBridge()
  window.flotilla = fake.bridge
  pinia = createPinia()
  setActivePinia(pinia)
  // The app subscribes the fleet store to main's pushes at start-up.
  unsubscribe = useFleetStore().subscribe()
  const Host = defineComponent({ setup: () => (useFleetNotifications(), () => h('div')) })
  wrapper = mount(Host, { global: { plugins: [pinia, createFlotillaI18n('en')] } })
  await flushPromises()
})
afterEach(() => {
  wrapper?.unmount()
  unsubscribe()
  delete window.flotilla
  globalThis.Notification = realNotification
})

const setting = (on: boolean) => {
  useAppStore().settings = { ...useAppStore().settings, desktopNotifications: on }
}
const shownBodies = () => FakeNotification.shown.map((n) => n.options.body)

describe('useFleetNotifications', () => {
  it('with the setting on: one notification per transition, titled with the app and worded per kind', () => {
    setting(true)
    fake.emit('fleet.delta', delta)
    expect(shownBodies()).toEqual(['web-1 is ready.', 'Provisioning web-2 failed.', 'db-1 was suspended.'])
    expect(FakeNotification.shown.every((n) => n.title === 'Flotilla')).toBe(true)
    expect(FakeNotification.shown.map((n) => n.options.tag)).toEqual([`${ACCOUNT}:s1:provisioned`, `${ACCOUNT}:s2:provision-failed`, `${ACCOUNT}:s3:suspended`])
    // The delta itself still reached the table.
    expect(useFleetStore().servers.map((s) => s.label)).toEqual(['web-1', 'web-2', 'db-1'])
  })

  it('off by default: nothing is shown although the system would allow it', () => {
    expect(useAppStore().settings.desktopNotifications).not.toBe(true)
    fake.emit('fleet.delta', delta)
    expect(FakeNotification.shown).toEqual([])
    expect(useFleetStore().servers).toHaveLength(3)
  })

  it('turned off by the user: nothing; turned on again: shown', () => {
    setting(false)
    fake.emit('fleet.delta', delta)
    expect(FakeNotification.shown).toEqual([])
    setting(true)
    fake.emit('fleet.delta', delta)
    expect(FakeNotification.shown).toHaveLength(3)
  })

  it('setting on but the system permission not granted: nothing', () => {
    setting(true)
    FakeNotification.permission = 'denied'
    fake.emit('fleet.delta', delta)
    expect(FakeNotification.shown).toEqual([])
  })

  it('a removed server is no notification; unmounting stops them all', () => {
    setting(true)
    fake.emit('fleet.delta', { ...delta, upserts: [], transitions: [transition('s9', 'old-1', 'removed', { status: 'active', power: 'running' }, null)] })
    expect(FakeNotification.shown).toEqual([])
    wrapper?.unmount()
    wrapper = undefined
    fake.emit('fleet.delta', delta)
    expect(FakeNotification.shown).toEqual([])
  })
})

describe('asking the system for permission', () => {
  it('granted already: true without asking; otherwise the answer decides; no Notification API: false', async () => {
    let asked = 0
    const withAnswer = (answer: NotificationPermission) => {
      ;(FakeNotification as unknown as { requestPermission: () => Promise<NotificationPermission> }).requestPermission = async () => {
        asked += 1
        return answer
      }
    }
    withAnswer('denied')
    FakeNotification.permission = 'granted'
    expect(await requestNotifications()).toBe(true)
    expect(notificationsAllowed()).toBe(true)
    expect(asked).toBe(0)
    FakeNotification.permission = 'default'
    expect(notificationsAllowed()).toBe(false)
    expect(await requestNotifications()).toBe(false)
    withAnswer('granted')
    expect(await requestNotifications()).toBe(true)
    expect(asked).toBe(2)
    const saved = globalThis.Notification
    delete (globalThis as { Notification?: unknown }).Notification
    try {
      expect(notificationsAllowed()).toBe(false)
      expect(await requestNotifications()).toBe(false)
    } finally {
      globalThis.Notification = saved
    }
  })
})
