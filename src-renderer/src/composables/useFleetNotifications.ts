// Optional desktop notifications (off by default) for changes derived from
// main's deltas: provisioning finished or failed, a server stopped or came back,
// suspended. Uses the web Notification API; nothing leaves the machine.
import { onBeforeUnmount } from 'vue'
import { notificationsFor } from '../fleet/notifications'
import { useAppStore } from '../stores/app'
import { useFleetStore } from '../stores/fleet'
import { useTranslate } from './useTranslate'

export function notificationsAllowed(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted'
}

/** Asks the system once; resolves to whether notifications may be shown. */
export async function requestNotifications(): Promise<boolean> {
  if (typeof Notification === 'undefined') return false
  if (Notification.permission === 'granted') return true
  return (await Notification.requestPermission()) === 'granted'
}

export function useFleetNotifications(): void {
  const app = useAppStore()
  const fleet = useFleetStore()
  const { t } = useTranslate()

  const off = fleet.onDelta((delta) => {
    if (app.settings.desktopNotifications !== true || !notificationsAllowed()) return
    for (const note of notificationsFor(delta.transitions)) {
      new Notification(t('app.name'), { body: t(note.key, { label: note.label }), tag: note.tag })
    }
  })
  onBeforeUnmount(off)
}
