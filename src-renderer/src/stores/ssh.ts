// Open SSH terminals, as tabs (issue 15). Main holds the connection and every
// credential; this store holds what a tab shows (state, a pending host-key
// question or sign-in prompt) and routes each session's output bytes to its
// terminal view, which acks them after xterm has written them.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { SshHostKeyEvent, SshOpened, SshOverride, SshPrefs, SshPromptEvent, SshStateEvent } from '@shared/contracts/ssh'
import { call, onEvent } from '../api/client'

export interface SshTab {
  readonly sessionId: string
  readonly serverKey: string
  title: string
  host: string
  port: number
  user: string
  state: SshStateEvent['state']
  code: SshStateEvent['code'] | null
  method: string
  hostKey: SshHostKeyEvent | null
  prompt: SshPromptEvent | null
  logPath: string | null
}

/** Where a session's bytes go: its terminal view, which calls `done` once xterm wrote them. */
export type OutputSink = (bytes: Uint8Array, done: () => void) => void

export function decodeBase64(data: string): Uint8Array {
  const bin = atob(data)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

export const useSshStore = defineStore('ssh', () => {
  const tabs = ref<SshTab[]>([])
  const activeId = ref<string | null>(null)
  /** Not reactive: bytes must not pass through Vue. Output that arrives before a view exists waits here. */
  const sinks = new Map<string, OutputSink>()
  const backlog = new Map<string, Uint8Array[]>()
  let subscribed = false

  const active = computed(() => tabs.value.find((t) => t.sessionId === activeId.value) ?? null)
  const tabOf = (id: string): SshTab | undefined => tabs.value.find((t) => t.sessionId === id)

  function subscribe(): void {
    if (subscribed) return
    subscribed = true
    onEvent('ssh.output', ({ sessionId, data }) => deliver(sessionId, decodeBase64(data)))
    onEvent('ssh.state', (e) => {
      const tab = tabOf(e.sessionId)
      if (!tab) return
      tab.state = e.state
      tab.code = e.code ?? null
      tab.method = e.method ?? ''
      if (e.state === 'ready' || e.state === 'failed' || e.state === 'closed') tab.prompt = null
      if (e.state !== 'verifying') tab.hostKey = null
    })
    onEvent('ssh.hostKey', (e) => {
      const tab = tabOf(e.sessionId)
      if (tab) tab.hostKey = e
    })
    onEvent('ssh.prompt', (e) => {
      const tab = tabOf(e.sessionId)
      if (tab) tab.prompt = e
    })
  }

  function deliver(sessionId: string, bytes: Uint8Array): void {
    const sink = sinks.get(sessionId)
    if (sink) sink(bytes, () => void call('ssh.ack', { sessionId, bytes: bytes.length }).catch(() => undefined))
    else backlog.set(sessionId, [...(backlog.get(sessionId) ?? []), bytes])
  }

  function attach(sessionId: string, sink: OutputSink): () => void {
    sinks.set(sessionId, sink)
    for (const bytes of backlog.get(sessionId) ?? []) deliver(sessionId, bytes)
    backlog.delete(sessionId)
    return () => {
      if (sinks.get(sessionId) === sink) sinks.delete(sessionId)
    }
  }

  function adopt(opened: SshOpened): void {
    const existing = tabOf(opened.sessionId)
    const fields = { title: opened.title, host: opened.host, port: opened.port, user: opened.user }
    if (existing) Object.assign(existing, fields, { state: 'connecting', code: null, hostKey: null, prompt: null })
    else tabs.value.push({ sessionId: opened.sessionId, serverKey: opened.serverKey, ...fields, state: 'connecting', code: null, method: '', hostKey: null, prompt: null, logPath: null })
    activeId.value = opened.sessionId
  }

  async function open(serverKey: string, cols = 80, rows = 24): Promise<SshTab> {
    subscribe()
    const opened = await call('ssh.open', { serverKey, cols, rows })
    adopt(opened)
    return tabOf(opened.sessionId)!
  }

  async function reconnect(sessionId: string, cols: number, rows: number): Promise<void> {
    adopt(await call('ssh.reconnect', { sessionId, cols, rows }))
  }

  async function close(sessionId: string): Promise<void> {
    tabs.value = tabs.value.filter((t) => t.sessionId !== sessionId)
    sinks.delete(sessionId)
    backlog.delete(sessionId)
    if (activeId.value === sessionId) activeId.value = tabs.value.at(-1)?.sessionId ?? null
    await call('ssh.close', { sessionId }).catch(() => undefined)
  }

  async function answerHostKey(sessionId: string, accept: boolean, replace = false): Promise<void> {
    const tab = tabOf(sessionId)
    if (tab) tab.hostKey = null
    await call('ssh.answerHostKey', { sessionId, accept, replace })
  }

  async function answerPrompt(sessionId: string, answers: string[] | null, remember: boolean): Promise<void> {
    const tab = tabOf(sessionId)
    const promptId = tab?.prompt?.promptId
    if (!tab || !promptId) return
    tab.prompt = null
    await call('ssh.answerPrompt', { sessionId, promptId, answers, remember })
  }

  async function setLogging(sessionId: string, on: boolean): Promise<void> {
    const tab = tabOf(sessionId)
    if (!tab) return
    if (on) tab.logPath = (await call('ssh.startLog', { sessionId })).path
    else {
      await call('ssh.stopLog', { sessionId })
      tab.logPath = null
    }
  }

  const input = (sessionId: string, data: string) => call('ssh.input', { sessionId, data })
  const resize = (sessionId: string, cols: number, rows: number) => call('ssh.resize', { sessionId, cols, rows })
  const target = (serverKey: string) => call('ssh.target', { serverKey })
  const setOverride = (serverKey: string, override: SshOverride) => call('ssh.setOverride', { serverKey, override })
  const prefs = () => call('ssh.prefs')
  const setPrefs = (patch: Partial<SshPrefs>) => call('ssh.setPrefs', patch)
  const popOut = (serverKey: string) => call('ssh.popOut', { serverKey })

  return { tabs, activeId, active, subscribe, attach, open, reconnect, close, answerHostKey, answerPrompt, setLogging, input, resize, target, setOverride, prefs, setPrefs, popOut }
})
