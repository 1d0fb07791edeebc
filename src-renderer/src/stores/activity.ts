// Every action taken (single and bulk), newest first: the persisted log from
// `activity.list`, then each new entry as `activity.added` pushes it.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ActivityEntry } from '@shared/contracts/fleet'
import { call, onEvent } from '../api/client'

const PAGE = 200

export const useActivityStore = defineStore('activity', () => {
  const entries = ref<ActivityEntry[]>([])
  const loaded = ref(false)
  const hasMore = ref(false)

  async function load(): Promise<void> {
    const page = await call('activity.list', { limit: PAGE })
    entries.value = page
    hasMore.value = page.length === PAGE
    loaded.value = true
  }

  async function loadOlder(): Promise<void> {
    const oldest = entries.value.at(-1)
    if (!oldest) return
    const page = await call('activity.list', { limit: PAGE, before: oldest.at })
    entries.value = [...entries.value, ...page]
    hasMore.value = page.length === PAGE
  }

  function add(entry: ActivityEntry): void {
    if (entries.value.some((e) => e.id === entry.id)) return
    entries.value = [entry, ...entries.value]
  }

  function subscribe(): () => void {
    return onEvent('activity.added', add)
  }

  return { entries, loaded, hasMore, load, loadOlder, add, subscribe }
})
