// Hash history: the page is loaded from app:// in Electron and from a plain
// HTTP server in the test harness; neither serves deep paths.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import type { Messages } from './i18n/en'
import FleetView from './views/FleetView.vue'

export type NavKey = keyof Omit<Messages['nav'], 'main'>

export interface NavItem {
  key: NavKey
  path: string
  icon: string
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'fleet', path: '/fleet', icon: 'pi pi-server' },
  { key: 'consoles', path: '/consoles', icon: 'pi pi-desktop' },
  { key: 'terminals', path: '/terminals', icon: 'pi pi-code' },
  { key: 'billing', path: '/billing', icon: 'pi pi-wallet' },
  { key: 'orders', path: '/orders', icon: 'pi pi-shopping-cart' },
  { key: 'sshKeys', path: '/ssh-keys', icon: 'pi pi-key' },
  { key: 'tickets', path: '/tickets', icon: 'pi pi-comments' },
  { key: 'accounts', path: '/accounts', icon: 'pi pi-users' },
  { key: 'activity', path: '/activity', icon: 'pi pi-history' },
  { key: 'settings', path: '/settings', icon: 'pi pi-cog' }
]

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/fleet' },
  // The landing page is bundled with the app, not fetched after it: the first rows show sooner (bench B3).
  { path: '/fleet/:key?', name: 'fleet', component: FleetView },
  { path: '/activity', name: 'activity', component: () => import('./views/ActivityView.vue') },
  { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
  { path: '/accounts', name: 'accounts', component: () => import('./views/AccountsView.vue') },
  { path: '/billing', name: 'billing', component: () => import('./views/BillingView.vue') },
  { path: '/consoles', name: 'consoles', component: () => import('./views/ConsolesView.vue') },
  { path: '/terminals', name: 'terminals', component: () => import('./views/TerminalsView.vue') },
  { path: '/orders', name: 'orders', component: () => import('./views/OrdersView.vue') },
  { path: '/ssh-keys', name: 'sshKeys', component: () => import('./views/SshKeysView.vue') },
  { path: '/tickets', name: 'tickets', component: () => import('./views/TicketsView.vue') },
  // `?servers=<key,key>`: the fleet's "Open ticket about these" lands here.
  { path: '/tickets/new', name: 'ticket-new', component: () => import('./views/TicketsView.vue') },
  { path: '/:rest(.*)*', redirect: '/fleet' }
]

export function createFlotillaRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
