// Startup: subscribe to main's events first (so nothing between load and
// subscribe is lost), then load everything. One failed load never blocks the others.
import { onBeforeUnmount, onMounted } from 'vue'
import { waitForBridge } from '../api/client'
import { useAccountsStore } from '../stores/accounts'
import { useAppStore } from '../stores/app'
import { useFleetStore } from '../stores/fleet'

export function useStartup(): void {
  const app = useAppStore()
  const accounts = useAccountsStore()
  const fleet = useFleetStore()
  const unsubscribers: Array<() => void> = []

  onMounted(async () => {
    try {
      await waitForBridge()
      unsubscribers.push(app.subscribe(), accounts.subscribe(), fleet.subscribe())
    } catch (error) {
      app.startupError = error
      return
    }
    const results = await Promise.allSettled([app.load(), accounts.load(), fleet.load()])
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (failed) app.startupError = failed.reason
  })

  onBeforeUnmount(() => unsubscribers.forEach((off) => off()))
}
