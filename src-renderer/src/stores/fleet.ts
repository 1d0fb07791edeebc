// Every server of every account, as main's last snapshot has it. A refresh that
// fails for one account still returns the others; health says which failed.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { FleetSnapshot } from '@shared/domain'
import { call, onEvent } from '../api/client'
import { useAccountsStore } from './accounts'

export const useFleetStore = defineStore('fleet', () => {
  const snapshot = ref<FleetSnapshot | null>(null)
  const refreshing = ref(false)

  const servers = computed(() => snapshot.value?.servers ?? [])

  function setSnapshot(next: FleetSnapshot): void {
    snapshot.value = next
    // The snapshot's health was assembled with its servers; keep the sidebar in step.
    useAccountsStore().setHealth(next.health)
  }

  async function load(): Promise<void> {
    setSnapshot(await call('fleet.get'))
  }

  async function refresh(accountIds?: string[]): Promise<void> {
    refreshing.value = true
    try {
      setSnapshot(await call('fleet.refresh', accountIds ? { accountIds } : undefined))
    } finally {
      refreshing.value = false
    }
  }

  function subscribe(): () => void {
    return onEvent('fleet.changed', setSnapshot)
  }

  return { snapshot, servers, refreshing, load, refresh, setSnapshot, subscribe }
})
