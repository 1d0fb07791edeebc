// Catalog, orders and comparison as main has them. Placing goes through main
// once; following a new server polls main until it is reachable.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Catalog, CompareInput, CompareRow, FollowResult, OrderDetail, OrdersList, PlaceOrderInput, PlaceOrderResult, PromoResult } from '@shared/contracts/orders'
import { call } from '../api/client'

export const useOrdersStore = defineStore('orders', () => {
  const catalogs = shallowRef(new Map<string, Catalog>())
  const list = ref<OrdersList | null>(null)
  const comparison = ref<CompareRow[] | null>(null)

  async function catalog(accountId: string, reload = false): Promise<Catalog> {
    const held = catalogs.value.get(accountId)
    if (held && !reload) return held
    const fresh = await call('catalog.get', { accountId })
    catalogs.value = new Map(catalogs.value).set(accountId, fresh)
    return fresh
  }

  async function promo(accountId: string, code: string, variantId?: string): Promise<PromoResult> {
    return call('catalog.promo', { accountId, code, ...(variantId ? { variantId } : {}) })
  }

  async function place(input: PlaceOrderInput): Promise<PlaceOrderResult> {
    return call('orders.place', input)
  }

  async function follow(serverKey: string): Promise<FollowResult> {
    return call('orders.follow', { serverKey })
  }

  async function load(): Promise<void> {
    list.value = await call('orders.list')
  }

  async function detail(accountId: string, orderId: string): Promise<OrderDetail> {
    return call('orders.get', { accountId, orderId })
  }

  async function pay(accountId: string, orderId: string): Promise<void> {
    await call('orders.pay', { accountId, orderId })
    await load()
  }

  async function compare(spec: CompareInput): Promise<void> {
    comparison.value = await call('catalog.compare', spec)
  }

  return { catalogs, list, comparison, catalog, promo, place, follow, load, detail, pay, compare }
})
