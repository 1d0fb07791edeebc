// One way to tell the user an action failed: a toast with the translated
// summary and main's own words as detail.
import { useToast } from 'primevue/usetoast'
import { errorText } from '../i18n/error-text'
import { useTranslate } from './useTranslate'

export function useErrorToast(): (error: unknown) => void {
  const toast = useToast()
  const { tr } = useTranslate()
  return (error) => {
    const { summary, detail } = errorText(error, tr)
    toast.add({ severity: 'error', summary, detail, life: 8000 })
  }
}
