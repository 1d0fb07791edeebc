// Per-item work in a detail section (a backup's restore, a rule's delete, …):
// each task has its own busy flag and, when it fails, the API's own words, so
// one failure sits next to the control that caused it and blocks nothing else.
import { ref } from 'vue'
import { errorText } from '../i18n/error-text'
import { useTranslate } from './useTranslate'

export function useTasks<Task extends string>(options: { extraWords?: (error: unknown, text: string) => string } = {}) {
  const { tr } = useTranslate()
  const pending = ref<Partial<Record<Task, boolean>>>({})
  const errors = ref<Partial<Record<Task, string>>>({})

  /** The error in words: summary, then main's detail when it says more. */
  function describe(error: unknown): string {
    const { summary, detail } = errorText(error, tr)
    const text = detail && detail !== summary ? `${summary} ${detail}` : summary
    return options.extraWords ? options.extraWords(error, text) : text
  }

  /** Runs `work` as `task`; resolves with its answer, or null with the words in `errors[task]`. */
  async function run<R>(task: Task, work: () => Promise<R>): Promise<R | null> {
    pending.value = { ...pending.value, [task]: true }
    errors.value = { ...errors.value, [task]: undefined }
    try {
      return await work()
    } catch (error) {
      errors.value = { ...errors.value, [task]: describe(error) }
      return null
    } finally {
      pending.value = { ...pending.value, [task]: false }
    }
  }

  return { pending, errors, describe, run }
}
