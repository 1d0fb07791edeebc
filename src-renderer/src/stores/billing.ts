// Billing numbers and the invoice list as main has them. The list lives here
// with its search index built once per change, so each keystroke only filters.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { spendByMonth, type AutoCharge, type BillingOverview, type InvoiceList, type InvoiceSummary, type InvoiceSyncStatus } from '@shared/contracts/billing'
import { call, onEvent } from '../api/client'
import { buildIndex, type Indexed } from '../components/billing/invoice-search'

export const useBillingStore = defineStore('billing', () => {
  const overview = ref<BillingOverview | null>(null)
  const loadingOverview = ref(false)
  const invoices = shallowRef<InvoiceSummary[]>([])
  const index = shallowRef<Indexed[]>([])
  const problems = ref<InvoiceList['problems']>([])
  const sync = ref<InvoiceSyncStatus | null>(null)
  const refreshingList = ref(false)

  const syncing = computed(() => sync.value?.state === 'syncing')
  /** Spend per month from the list as it is now, so the chart follows a refresh or sync without a new overview. */
  const spend = computed(() => spendByMonth(invoices.value))

  function setList(list: InvoiceList): void {
    invoices.value = list.invoices
    index.value = buildIndex(list.invoices)
    problems.value = list.problems
    sync.value = list.sync
  }

  async function loadOverview(): Promise<void> {
    loadingOverview.value = true
    try {
      overview.value = await call('billing.overview')
    } finally {
      loadingOverview.value = false
    }
  }

  async function loadInvoices(): Promise<void> {
    setList(await call('invoices.list'))
  }

  async function refreshInvoices(): Promise<void> {
    refreshingList.value = true
    try {
      setList(await call('invoices.refresh'))
    } finally {
      refreshingList.value = false
    }
  }

  async function setKeepOffline(enabled: boolean): Promise<void> {
    sync.value = await call('invoices.setKeepOffline', { enabled })
  }

  async function setAutoCharge(accountId: string, enabled: boolean): Promise<AutoCharge> {
    const result = await call('billing.setAutoCharge', { accountId, enabled })
    const account = overview.value?.accounts.find((a) => a.accountId === accountId)
    if (account) account.autoCharge = result
    return result
  }

  function subscribe(): () => void {
    const offSync = onEvent('invoices.sync', (status) => {
      sync.value = status
    })
    const offChanged = onEvent('invoices.changed', () => {
      void loadInvoices().catch(() => undefined)
    })
    return () => {
      offSync()
      offChanged()
    }
  }

  return {
    overview,
    loadingOverview,
    invoices,
    index,
    problems,
    sync,
    syncing,
    spend,
    refreshingList,
    setList,
    loadOverview,
    loadInvoices,
    refreshInvoices,
    setKeepOffline,
    setAutoCharge,
    subscribe
  }
})
