// One server's firewall rules in the detail view: the list, and create / toggle
// / edit / delete each with its own busy flag and the API's own words when it
// fails (keyed `create`, `toggle:<id>`, `edit:<id>`, `delete:<id>`). The list is read again after
// every change: the provider may renumber rules (Proxmox positions).
import { ref } from 'vue'
import type { FirewallRule, FirewallRuleChangesInput, FirewallRuleFields } from '@shared/contracts/firewall'
import { isFlotillaError } from '@shared/errors'
import { call } from '../api/client'
import { useTasks } from './useTasks'

export type FirewallTask = 'create' | `toggle:${string}` | `edit:${string}` | `delete:${string}`

export function useFirewall(serverKey: () => string) {
  // elizon's list of problems with the rule, when it gave one, after the words.
  const { pending, errors, describe, run } = useTasks<FirewallTask>({ extraWords: withRuleIssues })
  const rules = ref<FirewallRule[]>([])
  const loading = ref(false)
  const loadError = ref<string | null>(null)
  /** The last change's confirmation, for a status line. */
  const done = ref<{ task: FirewallTask; rule: FirewallRule | null } | null>(null)

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
    done.value = null
    // `work` answers an object on success, so null means it failed.
    if ((await run(task, work)) === null) return false
    done.value = { task, rule }
    await load()
    return true
  }

  const create = (rule: FirewallRuleFields) => runTask('create', null, () => call('firewall.create', { key: serverKey(), rule }))
  const toggle = (rule: FirewallRule) =>
    runTask(`toggle:${rule.id}`, rule, () => call('firewall.update', { key: serverKey(), ruleId: rule.id, changes: { enabled: !rule.enabled } }))
  /** `changes` holds only what the user changed (see `changedFields`). */
  const edit = (rule: FirewallRule, changes: FirewallRuleChangesInput) =>
    runTask(`edit:${rule.id}`, rule, () => call('firewall.update', { key: serverKey(), ruleId: rule.id, changes }))
  const remove = (rule: FirewallRule) => runTask(`delete:${rule.id}`, rule, () => call('firewall.delete', { key: serverKey(), ruleId: rule.id }))

  return { rules, loading, loadError, pending, errors, done, load, create, toggle, edit, remove }
}

function withRuleIssues(error: unknown, text: string): string {
  const issues = isFlotillaError(error) ? (error.issues ?? []).filter((i) => !text.includes(i)) : []
  return issues.length > 0 ? `${text} (${issues.join('; ')})` : text
}
