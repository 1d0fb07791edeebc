// All accounts' tickets (unread staff answers first) and the open thread.
// With the setting on, a staff answer that was not unread before raises a
// desktop notification (the web Notification API; main is not involved).
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { CreateTicketInput, CreateTicketResult, TicketThread, TicketsOverview } from '@shared/contracts/tickets'
import { call } from '../api/client'

export type Notify = (title: string, body: string) => void

export const useTicketsStore = defineStore('tickets', () => {
  const overview = ref<TicketsOverview | null>(null)
  const thread = ref<TicketThread | null>(null)
  const loading = ref(false)
  let seenUnread: Set<string> | null = null

  async function load(notify?: Notify): Promise<void> {
    loading.value = true
    try {
      overview.value = await call('tickets.list')
    } finally {
      loading.value = false
    }
    const unread = overview.value.tickets.filter((t) => t.unreadStaff)
    // The first load only learns what is unread; later loads announce what is new.
    if (seenUnread && notify) for (const t of unread) if (!seenUnread.has(t.key)) notify(t.subject, t.statusText)
    seenUnread = new Set(unread.map((t) => t.key))
  }

  async function open(key: string): Promise<void> {
    thread.value = await call('tickets.get', { key })
    markRead(key)
  }

  function markRead(key: string): void {
    const t = overview.value?.tickets.find((x) => x.key === key)
    if (t) t.unreadStaff = false
    seenUnread?.delete(key)
  }

  async function reply(key: string, message: string): Promise<void> {
    thread.value = await call('tickets.reply', { key, message })
  }

  async function setState(key: string, state: 'open' | 'closed'): Promise<void> {
    thread.value = await call('tickets.setState', { key, state })
  }

  async function create(input: CreateTicketInput): Promise<CreateTicketResult> {
    const result = await call('tickets.create', input)
    await load()
    return result
  }

  async function exportHtml(key: string): Promise<{ fileName: string; html: string }> {
    return call('tickets.export', { key })
  }

  return { overview, thread, loading, load, open, reply, setState, create, exportHtml }
})
