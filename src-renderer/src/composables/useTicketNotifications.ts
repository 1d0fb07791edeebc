// Staff answered a support ticket: main's poller (on while the setting
// `ticketNotifications` is) pushes `tickets.staffReplied`, and this App-level
// composable turns it into a desktop notification whatever page is open. A
// click brings the window forward on that ticket. The web Notification API is
// used; nothing leaves the machine.
import { onBeforeUnmount, onMounted } from 'vue'
import { useRouter } from 'vue-router'
import type { StaffReplied } from '@shared/contracts/tickets'
import { onEvent, waitForBridge } from '../api/client'
import { useAccountsStore } from '../stores/accounts'
import { useAppStore } from '../stores/app'
import { useTicketsStore } from '../stores/tickets'
import { notificationsAllowed } from './useFleetNotifications'
import { useTranslate } from './useTranslate'

export function useTicketNotifications(): void {
  const app = useAppStore()
  const accounts = useAccountsStore()
  const tickets = useTicketsStore()
  const router = useRouter()
  const { t } = useTranslate()
  let off: (() => void) | null = null

  function announce(reply: StaffReplied): void {
    // A list already on screen shows the answer as unread at once.
    if (tickets.overview) tickets.load().catch(() => undefined)
    if (app.settings.ticketNotifications !== true || !notificationsAllowed()) return
    const note = new Notification(t('tickets.notificationTitle', { subject: reply.subject }), {
      body: accounts.byId.get(reply.accountId)?.label ?? '',
      tag: `ticket:${reply.key}`
    })
    note.onclick = () => {
      window.focus()
      void router.push({ name: 'tickets', query: { open: reply.key } })
    }
  }

  onMounted(async () => {
    try {
      await waitForBridge()
    } catch {
      return // useStartup reports a missing bridge
    }
    off = onEvent('tickets.staffReplied', announce)
  })
  onBeforeUnmount(() => off?.())
}
