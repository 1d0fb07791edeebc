// Provider id → its adapter. The only place that knows which adapters exist.
import type { ProviderId } from '../../shared/domain'
import { aluyAdapter } from './aluy/aluy-adapter'
import { elizonAdapter } from './elizon/elizon-adapter'
import type { ProviderAdapter } from './provider-adapter'

const ADAPTERS: Record<ProviderId, ProviderAdapter> = {
  aluy: aluyAdapter,
  elizon: elizonAdapter
}

export function getAdapter(provider: ProviderId): ProviderAdapter {
  return ADAPTERS[provider]
}
