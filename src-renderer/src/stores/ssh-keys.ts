// Every account's SSH keys and the fingerprint matrix, as main computed them.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { GeneratedKey, PushResult, SshKeysOverview } from '@shared/contracts/ssh-keys'
import { call } from '../api/client'

export const useSshKeysStore = defineStore('sshKeys', () => {
  const overview = ref<SshKeysOverview | null>(null)
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      overview.value = await call('sshKeys.list')
    } finally {
      loading.value = false
    }
  }

  async function remove(accountId: string, keyId: string): Promise<void> {
    try {
      await call('sshKeys.delete', { accountId, keyId })
    } finally {
      await load()
    }
  }

  async function push(accountIds: string[], name: string, publicKey: string): Promise<PushResult[]> {
    const results = await call('sshKeys.push', { accountIds, name, publicKey })
    await load()
    return results
  }

  async function generate(accountId: string, name: string): Promise<GeneratedKey> {
    const generated = await call('sshKeys.generate', { accountId, name })
    await load()
    return generated
  }

  return { overview, loading, load, remove, push, generate }
})
