// One server's firewall rules in the detail view: the list, and create / toggle
// / delete each with its own busy flag and the API's own words when it fails
// (keyed `create`, `toggle:<id>`, `delete:<id>`). The list is read again after
// every change: the provider may renumber rules (Proxmox positions).
import { ref } from 'vue'
import type { FirewallRule, FirewallRuleFields } from '@shared/contracts/firewall'
import { isFlotillaError } from '@shared/errors'
import { call } from '../api/client'
import { errorText } from '../i18n/error-text'
import { useTranslate } from './useTranslate'

export type FirewallTask = 'create' | `toggle:${string}` | `delete:${string}`

export function useFirewall(serverKey: () => string) {
  const { tr } = useTranslate()
  const rules = ref<FirewallRule[]>([])
  const loading = ref(false)
  const loadError = ref<string | null>(null)
  const pending = ref<Partial<Record<FirewallTask, boolean>>>({})
  const errors = ref<Partial<Record<FirewallTask, string>>>({})
  /** The last change's confirmation, for a status line. */
  const done = ref<{ task: FirewallTask; rule: FirewallRule | null } | null>(null)

  /** The summary, main's words, and elizon's list of problems with the rule when it gave one. */
  function describe(error: unknown): string {
    const { summary, detail } = errorText(error, tr)
    const text = detail && detail !== summary ? `${summary} ${detail}` : summary
    const issues = isFlotillaError(error) ? (error.issues ?? []).filter((i) => !text.includes(i)) : []
    return issues.length > 0 ? `${text} (${issues.join('; ')})` : text
  }

  async function load(): Promise<void> {
    loading.value = true
    loadError.value = null
    const key = serverKey()
    try {
      const list = await call('firewall.list', { key })
      // The drawer may have moved to another server meanwhile.
      if (key !== serverKey()) return
      rules.value = list.rules
    } catch (error) {
      loadError.value = describe(error)
    } finally {
      loading.value = false
    }
  }

  /** Resolves true when the provider accepted it; on failure its words are in `errors[task]`. */
  async function runTask(task: FirewallTask, rule: FirewallRule | null, work: () => Promise<unknown>): Promise<boolean> {
    pending.value = { ...pending.value, [task]: true }
    errors.value = { ...errors.value, [task]: undefined }
    done.value = null
    try {
      await work()
      done.value = { task, rule }
      await load()
      return true
    } catch (error) {
      errors.value = { ...errors.value, [task]: describe(error) }
      return false
    } finally {
      pending.value = { ...pending.value, [task]: false }
    }
  }

  const create = (rule: FirewallRuleFields) => runTask('create', null, () => call('firewall.create', { key: serverKey(), rule }))
  const toggle = (rule: FirewallRule) =>
    runTask(`toggle:${rule.id}`, rule, () => call('firewall.update', { key: serverKey(), ruleId: rule.id, changes: { enabled: !rule.enabled } }))
  const remove = (rule: FirewallRule) => runTask(`delete:${rule.id}`, rule, () => call('firewall.delete', { key: serverKey(), ruleId: rule.id }))

  return { rules, loading, loadError, pending, errors, done, load, create, toggle, remove }
}
