// Every server of every account, as main last told us: the full snapshot at
// start (`fleet.get`, from the cache), then `fleet.delta` pushes with only what
// changed. Servers are held shallowly (10,000 plain objects, no deep proxies),
// and each table row is rebuilt only when its server, account or meta changed.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { FleetDelta, LiveState, ServerMeta, ServerMetaMap, ServerTransition, SetMetaInput } from '@shared/contracts/fleet'
import type { Account, FleetSnapshot, Server } from '@shared/domain'
import { call, onEvent } from '../api/client'
import { applyDelta } from '../fleet/delta'
import { buildRow, EMPTY_META, type FleetRow } from '../fleet/rows'
import { useAccountsStore } from './accounts'

interface CachedRow {
  account: Account | undefined
  meta: ServerMeta | undefined
  row: FleetRow
}

export type DeltaListener = (delta: FleetDelta) => void

export const useFleetStore = defineStore('fleet', () => {
  const servers = shallowRef<Server[]>([])
  const generatedAt = ref<string | null>(null)
  const meta = shallowRef<ServerMetaMap>({})
  const live = ref<LiveState | null>(null)
  const refreshing = ref(false)
  const deltaListeners = new Set<DeltaListener>()
  // Keyed by the server object: a delta replaces only changed servers, so the rest hit the cache.
  let rowCache = new WeakMap<Server, CachedRow>()

  const accounts = useAccountsStore()

  const rows = computed<FleetRow[]>(() => {
    const byId = accounts.byId
    const metaMap = meta.value
    return servers.value.map((server) => {
      const account = byId.get(server.accountId)
      const m = metaMap[server.key]
      const cached = rowCache.get(server)
      if (cached && cached.account === account && cached.meta === m) return cached.row
      const row = buildRow(server, account, m ?? EMPTY_META)
      rowCache.set(server, { account, meta: m, row })
      return row
    })
  })

  const byKey = computed(() => new Map(servers.value.map((s) => [s.key, s])))

  function setSnapshot(next: FleetSnapshot): void {
    servers.value = next.servers
    generatedAt.value = next.generatedAt
    // The snapshot's health was assembled with its servers; keep the sidebar in step.
    accounts.setHealth(next.health)
  }

  function applyFleetDelta(delta: FleetDelta): void {
    servers.value = applyDelta(servers.value, delta)
    generatedAt.value = delta.generatedAt
    deltaListeners.forEach((listener) => listener(delta))
  }

  /** Views that follow renamed keys or notify on transitions listen here. */
  function onDelta(listener: DeltaListener): () => void {
    deltaListeners.add(listener)
    return () => deltaListeners.delete(listener)
  }

  async function load(): Promise<void> {
    setSnapshot(await call('fleet.get'))
    // Meta and live state are extras: the table shows without them.
    await Promise.allSettled([loadMeta(), loadLive()])
  }

  async function loadMeta(): Promise<void> {
    meta.value = await call('servers.meta')
  }

  async function loadLive(): Promise<void> {
    live.value = await call('fleet.getLive')
  }

  async function refresh(accountIds?: string[]): Promise<void> {
    refreshing.value = true
    try {
      setSnapshot(await call('fleet.refresh', accountIds ? { accountIds } : undefined))
    } finally {
      refreshing.value = false
    }
  }

  async function setMeta(input: SetMetaInput): Promise<void> {
    mergeMeta(await call('servers.setMeta', input))
  }

  function mergeMeta(changed: ServerMetaMap): void {
    meta.value = { ...meta.value, ...changed }
  }

  async function setLive(input: { intervalSec?: number; windowVisible?: boolean }): Promise<void> {
    live.value = await call('fleet.setLive', input)
  }

  function reportVisible(keys: string[]): Promise<unknown> {
    return call('fleet.setVisible', { keys })
  }

  function subscribe(): () => void {
    const offs = [
      onEvent('fleet.changed', setSnapshot),
      onEvent('fleet.delta', applyFleetDelta),
      onEvent('servers.metaChanged', mergeMeta)
    ]
    return () => offs.forEach((off) => off())
  }

  /** For tests and benchmarks that swap whole fleets. */
  function resetRowCache(): void {
    rowCache = new WeakMap()
  }

  return {
    servers,
    generatedAt,
    meta,
    live,
    rows,
    byKey,
    refreshing,
    load,
    loadMeta,
    loadLive,
    refresh,
    setSnapshot,
    applyFleetDelta,
    onDelta,
    setMeta,
    setLive,
    reportVisible,
    subscribe,
    resetRowCache
  }
})

export type { ServerTransition }
