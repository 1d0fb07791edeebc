// Running one server action from the detail view: the call, its busy state, the
// API's own error text next to the action, and the one-time password of a reset
// (kept only in this composable's memory and cleared when the view closes).
import { onBeforeUnmount, ref } from 'vue'
import type { ServerActionInput, ServerActionName, ServerActionResult } from '@shared/contracts/fleet'
import { call } from '../api/client'
import { errorText } from '../i18n/error-text'
import { useTranslate } from './useTranslate'

export function useServerActions(onDone: (action: ServerActionName, result: ServerActionResult) => void) {
  const { tr } = useTranslate()
  const running = ref<ServerActionName | null>(null)
  const errors = ref<Partial<Record<ServerActionName, string>>>({})
  const lastDone = ref<ServerActionName | null>(null)
  const password = ref<string | null>(null)

  function describe(error: unknown): string {
    const { summary, detail } = errorText(error, tr)
    return detail && detail !== summary ? `${summary} ${detail}` : summary
  }

  /** Resolves true when the action succeeded; on failure its words are in `errors[action]`. */
  async function run(input: ServerActionInput): Promise<boolean> {
    running.value = input.action
    lastDone.value = null
    errors.value = { ...errors.value, [input.action]: undefined }
    try {
      const result = await call('servers.action', input)
      if (result.password) password.value = result.password
      lastDone.value = input.action
      onDone(input.action, result)
      return true
    } catch (error) {
      errors.value = { ...errors.value, [input.action]: describe(error) }
      return false
    } finally {
      running.value = null
    }
  }

  function clearPassword(): void {
    password.value = null
  }

  onBeforeUnmount(clearPassword)

  return { running, errors, lastDone, password, run, clearPassword }
}
