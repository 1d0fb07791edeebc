// The command palette is mounted once for the whole app (Ctrl/Cmd+K anywhere).
// Its visibility and the action it asked for live here, so the Fleet page's
// button opens the same palette and its detail drawer can pick up the action.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ServerActionName } from '@shared/contracts/fleet'

export const usePaletteStore = defineStore('palette', () => {
  const visible = ref(false)
  /** An action chosen in the palette for the server it opened; the detail drawer opens its form. */
  const pendingAction = ref<ServerActionName | null>(null)

  function show(): void {
    visible.value = true
  }

  function takeAction(): void {
    pendingAction.value = null
  }

  return { visible, pendingAction, show, takeAction }
})
