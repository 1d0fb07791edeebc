import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { FleetDelta } from '@shared/contracts/fleet'
import type { FleetSnapshot, Server } from '@shared/domain'
import { FlotillaError } from '@shared/errors'
import { useAccountsStore } from './accounts'
import { useFleetStore } from './fleet'
import { createFakeBridge, type FakeBridge } from '../testing/fake-bridge'

function server(accountId: string, id: string): Server {
  return {
    key: `${accountId}:${id}`, id, accountId, provider: 'aluy', label: `srv-${id}`, kind: 'VPS', status: 'active',
    statusText: 'ACTIVE', power: 'running', primaryIpv4: '192.0.2.1', primaryIpv6: null, location: null, vcpu: null,
    ramMb: null, diskGb: null, hourlyRateCents: null, monthlyPriceCents: null, createdAt: null
  }
}

const snapshot: FleetSnapshot = {
  servers: [server('acc_aaaaaaaa', '1'), server('acc_bbbbbbbb', '2')],
  health: [
    { accountId: 'acc_aaaaaaaa', state: 'ok', lastUpdatedAt: '2026-01-01T10:00:00.000Z' },
    { accountId: 'acc_bbbbbbbb', state: 'offline', code: 'offline', lastUpdatedAt: '2026-01-01T09:00:00.000Z' }
  ],
  generatedAt: '2026-01-01T10:00:00.000Z'
}

let fake: FakeBridge

beforeEach(() => {
  setActivePinia(createPinia())
  fake = createFakeBridge({ 'fleet.get': () => snapshot })
  window.flotilla = fake.bridge
})

afterEach(() => {
  delete window.flotilla
})

describe('fleet store', () => {
  it('keeps every account’s rows when one account is offline, and hands the health to the accounts store', async () => {
    const fleet = useFleetStore()
    await fleet.load()
    expect(fleet.servers.map((s) => s.key)).toEqual(['acc_aaaaaaaa:1', 'acc_bbbbbbbb:2'])
    expect(useAccountsStore().healthById.get('acc_bbbbbbbb')?.state).toBe('offline')
  })

  it('is "refreshing" exactly while fleet.refresh runs, also when it fails', async () => {
    let finish: (value: FleetSnapshot) => void = () => {}
    fake.handle('fleet.refresh', () => new Promise<FleetSnapshot>((resolve) => (finish = resolve)))
    const fleet = useFleetStore()

    const running = fleet.refresh()
    await Promise.resolve()
    expect(fleet.refreshing).toBe(true)
    finish(snapshot)
    await running
    expect(fleet.refreshing).toBe(false)
    expect(fleet.servers).toHaveLength(2)

    fake.handle('fleet.refresh', () => {
      throw new FlotillaError('internal', 'boom')
    })
    await expect(fleet.refresh()).rejects.toMatchObject({ code: 'internal' })
    expect(fleet.refreshing).toBe(false)
  })

  it('follows fleet.changed pushed by main', () => {
    const fleet = useFleetStore()
    const off = fleet.subscribe()
    fake.emit('fleet.changed', { ...snapshot, servers: [server('acc_aaaaaaaa', '7')] })
    off()
    expect(fleet.servers.map((s) => s.label)).toEqual(['srv-7'])
  })
})

describe('fleet store: live deltas', () => {
  const delta = (over: Partial<FleetDelta>): FleetDelta => ({
    upserts: [],
    removedKeys: [],
    renamedKeys: [],
    transitions: [],
    generatedAt: '2026-01-01T10:01:00.000Z',
    ...over
  })

  it('applies upserts in place, appends new servers, drops removed ones, and tells listeners', async () => {
    const fleet = useFleetStore()
    await fleet.load()
    const off = fleet.subscribe()
    const seen: string[] = []
    fleet.onDelta((d) => seen.push(d.generatedAt))
    const stopped = { ...server('acc_aaaaaaaa', '1'), power: 'stopped' as const }
    fake.emit('fleet.delta', delta({ upserts: [stopped, server('acc_aaaaaaaa', '9')], removedKeys: ['acc_bbbbbbbb:2'] }))
    off()
    expect(fleet.servers.map((s) => `${s.key}:${s.power}`)).toEqual(['acc_aaaaaaaa:1:stopped', 'acc_aaaaaaaa:9:running'])
    expect(fleet.generatedAt).toBe('2026-01-01T10:01:00.000Z')
    expect(seen).toEqual(['2026-01-01T10:01:00.000Z'])
  })

  it('rebuilds only the rows whose server or meta changed', async () => {
    const fleet = useFleetStore()
    await fleet.load()
    const [first, second] = fleet.rows
    fleet.applyFleetDelta(delta({ upserts: [{ ...server('acc_bbbbbbbb', '2'), label: 'renamed' }] }))
    expect(fleet.rows[0]).toBe(first)
    expect(fleet.rows[1]).not.toBe(second)
    expect(fleet.rows[1]?.server.label).toBe('renamed')

    fake.handle('servers.setMeta', () => ({ 'acc_aaaaaaaa:1': { tags: ['prod'], note: '', favourite: true } }))
    await fleet.setMeta({ keys: ['acc_aaaaaaaa:1'], addTags: ['prod'] })
    expect(fleet.rows[0]?.meta).toEqual({ tags: ['prod'], note: '', favourite: true })
    expect(fleet.rows[0]?.fields.tag).toBe('prod')
  })

  it('loads local meta and the live state with the snapshot', async () => {
    fake.handle('servers.meta', () => ({ 'acc_bbbbbbbb:2': { tags: ['db'], note: 'n', favourite: false } }))
    fake.handle('fleet.getLive', () => ({ intervalSec: 30, windowVisible: true, ticking: false, lastTickAt: null, nextTickAt: null }))
    const fleet = useFleetStore()
    await fleet.load()
    expect(fleet.rows[1]?.meta.tags).toEqual(['db'])
    expect(fleet.live?.intervalSec).toBe(30)
  })
})
