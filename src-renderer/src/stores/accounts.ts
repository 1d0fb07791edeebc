// The accounts main knows (metadata only — credentials never come back) and
// their health. Mutations go to main; its `accounts.changed` event is the truth.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AccountDraft, AccountSaveResult, AccountUpdateInput, NewAccountInput } from '@shared/contract'
import type { Account, AccountHealth, VerifyResult } from '@shared/domain'
import { call, onEvent } from '../api/client'

export const useAccountsStore = defineStore('accounts', () => {
  const list = ref<Account[]>([])
  const health = ref<AccountHealth[]>([])
  const loaded = ref(false)

  const byId = computed(() => new Map(list.value.map((a) => [a.id, a])))
  const healthById = computed(() => new Map(health.value.map((h) => [h.accountId, h])))

  async function load(): Promise<void> {
    const [accounts, states] = await Promise.all([call('accounts.list'), call('accounts.health')])
    list.value = accounts
    health.value = states
    loaded.value = true
  }

  function upsert(account: Account): void {
    const known = list.value.some((a) => a.id === account.id)
    list.value = known ? list.value.map((a) => (a.id === account.id ? account : a)) : [...list.value, account]
  }

  function setHealth(states: AccountHealth[]): void {
    health.value = states
  }

  function verify(draft: AccountDraft): Promise<VerifyResult> {
    return call('accounts.verify', draft)
  }

  async function add(input: NewAccountInput): Promise<AccountSaveResult> {
    const result = await call('accounts.add', input)
    if (result.account) upsert(result.account)
    return result
  }

  async function update(input: AccountUpdateInput): Promise<AccountSaveResult> {
    const result = await call('accounts.update', input)
    if (result.account) upsert(result.account)
    return result
  }

  async function remove(id: string): Promise<boolean> {
    const { removed } = await call('accounts.remove', { id })
    if (removed) list.value = list.value.filter((a) => a.id !== id)
    return removed
  }

  function subscribe(): () => void {
    const offAccounts = onEvent('accounts.changed', (accounts) => {
      list.value = accounts
      loaded.value = true
    })
    const offHealth = onEvent('accounts.health', setHealth)
    return () => {
      offAccounts()
      offHealth()
    }
  }

  return { list, health, loaded, byId, healthById, load, setHealth, verify, add, update, remove, subscribe }
})
