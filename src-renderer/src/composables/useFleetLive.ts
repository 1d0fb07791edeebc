// Tells main what the user is looking at, so live status polls those first and
// pauses while the window is hidden: visible row keys (debounced) and
// document.visibilitychange.
import { onBeforeUnmount, onMounted } from 'vue'
import { useFleetStore } from '../stores/fleet'

const VISIBLE_DEBOUNCE_MS = 250

export function useFleetLive(): { reportVisible: (keys: string[]) => void } {
  const fleet = useFleetStore()
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastSent = ''

  function reportVisible(keys: string[]): void {
    clearTimeout(timer)
    timer = setTimeout(() => {
      const joined = keys.join('\n')
      if (joined === lastSent) return
      lastSent = joined
      fleet.reportVisible(keys).catch(() => {
        // Only a hint for main's scheduler; the periodic refresh covers every row anyway.
      })
    }, VISIBLE_DEBOUNCE_MS)
  }

  function onVisibility(): void {
    fleet.setLive({ windowVisible: document.visibilityState === 'visible' }).catch(() => {})
  }

  onMounted(() => {
    document.addEventListener('visibilitychange', onVisibility)
    onVisibility()
  })
  onBeforeUnmount(() => {
    clearTimeout(timer)
    document.removeEventListener('visibilitychange', onVisibility)
  })

  return { reportVisible }
}
