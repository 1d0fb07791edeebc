// All accounts' tickets (unread staff answers first) and the open thread.
// Staff-answer notifications are main's (its poller, `tickets.staffReplied`),
// shown by the App-level useTicketNotifications.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { CreateTicketInput, CreateTicketResult, TicketThread, TicketsOverview } from '@shared/contracts/tickets'
import { call } from '../api/client'

export const useTicketsStore = defineStore('tickets', () => {
  const overview = ref<TicketsOverview | null>(null)
  const thread = ref<TicketThread | null>(null)
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      overview.value = await call('tickets.list')
    } finally {
      loading.value = false
    }
  }

  async function open(key: string): Promise<void> {
    thread.value = await call('tickets.get', { key })
    markRead(key)
  }

  function markRead(key: string): void {
    const t = overview.value?.tickets.find((x) => x.key === key)
    if (t) t.unreadStaff = false
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
