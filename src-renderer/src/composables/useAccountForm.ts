// State and actions of the add/edit account form. The credential lives here only
// until it has been sent; after a successful save the field is emptied.
import { computed, ref, watch } from 'vue'
import type { AccountSaveResult, AccountUpdateInput, NewAccountInput } from '@shared/contract'
import { DEFAULT_BASE_URL, type Account, type ProviderId, type VerifyResult } from '@shared/domain'
import { isFlotillaError } from '@shared/errors'
import { movesToAnotherOrigin } from '@shared/url-policy'
import { errorText } from '../i18n/error-text'
import { verifySentence } from '../i18n/verify-outcome'
import { useAccountsStore } from '../stores/accounts'
import { useRateLimitWait } from './useRateLimitWait'
import { useTranslate } from './useTranslate'

const PALETTE = ['#2563eb', '#16a34a', '#db2777', '#ea580c', '#7c3aed', '#0891b2', '#ca8a04', '#dc2626']

interface Problem {
  summary: string
  detail: string | undefined
  issues: string[]
}

export function useAccountForm(account: Account | null) {
  const accounts = useAccountsStore()
  const { t, tr, locale } = useTranslate()

  const isEdit = account !== null
  const provider = ref<ProviderId>(account?.provider ?? 'aluy')
  const label = ref(account?.label ?? '')
  const colour = ref(account?.colour ?? PALETTE[accounts.list.length % PALETTE.length] ?? '#2563eb')
  const credential = ref('')
  const initialBaseUrl = account && account.baseUrl !== DEFAULT_BASE_URL[account.provider] ? account.baseUrl : ''
  const baseUrl = ref(initialBaseUrl)
  const advancedOpen = ref(initialBaseUrl !== '')

  const checking = ref(false)
  const saving = ref(false)
  const outcome = ref<{ result: VerifyResult; provider: ProviderId } | null>(null)
  const offerSaveAnyway = ref(false)
  const problem = ref<Problem | null>(null)
  const hint = ref<string | null>(null)
  const { waitingSec, withWait } = useRateLimitWait()
  /** Set when a save stopped to ask for the credential (the form moves focus to it). */
  const credentialRequested = ref(false)

  const credentialLabel = computed(() => (provider.value === 'aluy' ? t('form.sessionCookie') : t('form.apiKey')))
  const credentialHelp = computed(() => (provider.value === 'aluy' ? t('form.sessionCookieHelp') : t('form.apiKeyHelp')))
  const baseUrlPlaceholder = computed(() => DEFAULT_BASE_URL[provider.value])
  const statusText = computed(() => {
    if (waitingSec.value !== null) return t('verify.waiting', { seconds: waitingSec.value })
    if (hint.value) return hint.value
    if (!outcome.value) return ''
    return verifySentence(outcome.value.result, outcome.value.provider, tr, locale.value)
  })
  const statusOk = computed(() => outcome.value?.result.ok === true && !hint.value)

  // A different provider means the typed credential and any earlier check no longer apply.
  watch(provider, () => {
    outcome.value = null
    offerSaveAnyway.value = false
  })
  watch([credential, baseUrl], () => {
    offerSaveAnyway.value = false
    hint.value = null
  })

  function showProblem(error: unknown): void {
    const { summary, detail } = errorText(error, tr)
    const issues = isFlotillaError(error) ? (error.issues ?? []) : []
    problem.value = { summary, detail: issues.length > 0 ? undefined : detail, issues }
  }

  function trimmedBaseUrl(): string | undefined {
    return baseUrl.value.trim() || undefined
  }

  async function check(): Promise<void> {
    problem.value = null
    if (credential.value.trim() === '') {
      outcome.value = null
      hint.value = t('form.checkFirst')
      return
    }
    checking.value = true
    try {
      const checkedFor = provider.value
      const draft = { provider: checkedFor, baseUrl: trimmedBaseUrl(), credential: credential.value }
      const result = await withWait(() => accounts.verify(draft), (r) => r)
      outcome.value = { result, provider: checkedFor }
    } catch (error) {
      showProblem(error)
    } finally {
      checking.value = false
    }
  }

  function newInput(saveUnverified: boolean): NewAccountInput {
    return {
      provider: provider.value,
      label: label.value,
      colour: colour.value,
      credential: credential.value,
      baseUrl: trimmedBaseUrl(),
      ...(saveUnverified ? { saveUnverified } : {})
    }
  }

  function updateInput(id: string, current: Account, saveUnverified: boolean): AccountUpdateInput {
    // An emptied field means "back to the provider's default", which must be sent explicitly.
    const wantedBaseUrl = trimmedBaseUrl() ?? DEFAULT_BASE_URL[current.provider]
    return {
      id,
      label: label.value,
      colour: colour.value,
      ...(wantedBaseUrl !== current.baseUrl ? { baseUrl: wantedBaseUrl } : {}),
      ...(credential.value.trim() !== '' ? { credential: credential.value } : {}),
      ...(saveUnverified ? { saveUnverified } : {})
    }
  }

  /**
   * The stored credential is never sent to a host it was not given for: moving
   * the account to another origin asks for it again (main refuses it too).
   */
  function credentialNeededFor(current: Account): string | null {
    const wanted = trimmedBaseUrl() ?? DEFAULT_BASE_URL[current.provider]
    if (credential.value.trim() !== '' || !movesToAnotherOrigin(current.baseUrl, wanted)) return null
    try {
      return new URL(wanted).host
    } catch {
      return null // Not a URL: main's validation says what is wrong with it.
    }
  }

  /** Saves; resolves to the saved account, or null when nothing was saved (the reason is shown). */
  async function save(saveUnverified = false): Promise<Account | null> {
    problem.value = null
    hint.value = null
    const newHost = account ? credentialNeededFor(account) : null
    credentialRequested.value = newHost !== null
    if (newHost !== null) {
      hint.value = t('form.credentialForNewHost', { host: newHost })
      return null
    }
    saving.value = true
    try {
      const send = (): Promise<AccountSaveResult> =>
        account ? accounts.update(updateInput(account.id, account, saveUnverified)) : accounts.add(newInput(saveUnverified))
      // A short rate limit (elizon's 429 with retryAfter) is waited out in view, then the check runs again.
      const result = await withWait(send, (r) => (r.account ? null : r.verify))
      if (result.verify) outcome.value = { result: result.verify, provider: provider.value }
      if (!result.account) {
        offerSaveAnyway.value = result.verify?.outcome === 'unreachable'
        return null
      }
      credential.value = ''
      offerSaveAnyway.value = false
      return result.account
    } catch (error) {
      showProblem(error)
      return null
    } finally {
      saving.value = false
    }
  }

  return {
    isEdit,
    provider,
    label,
    colour,
    credential,
    baseUrl,
    advancedOpen,
    checking,
    saving,
    waitingSec,
    offerSaveAnyway,
    problem,
    credentialLabel,
    credentialHelp,
    baseUrlPlaceholder,
    statusText,
    statusOk,
    credentialRequested,
    check,
    save
  }
}
