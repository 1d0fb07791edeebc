// The names of every IPC channel, with no schemas attached, so the sandboxed
// preload can build `window.flotilla` without bundling the validators.
// `contract.ts` attaches a schema to each name and fails to compile if one is missing.

export const INVOKE_CHANNELS = [
  'app.info',
  'app.openExternal',
  'settings.get',
  'settings.set',
  'settings.requestReset',
  'accounts.list',
  'accounts.verify',
  'accounts.add',
  'accounts.update',
  'accounts.remove',
  'accounts.health',
  'fleet.get',
  'fleet.refresh',
  // Feature channels are added above this marker, grouped by namespace.
  'console.open',
  'console.close',
  'console.command',
  'console.power',
  'console.popOut',
  'console.popIn',
  'fleet.getLive',
  'fleet.setLive',
  'fleet.setVisible',
  'fleet.tick',
  'servers.detail',
  'servers.metrics',
  'servers.templates',
  'servers.upgradeQuote',
  'servers.action',
  'servers.bulk',
  'servers.meta',
  'servers.setMeta',
  'jobs.get',
  'activity.list',
  'billing.overview',
  'billing.setAutoCharge',
  'invoices.list',
  'invoices.refresh',
  'invoices.get',
  'invoices.pdf',
  'invoices.savePdf',
  'invoices.saveCsv',
  'invoices.syncStatus',
  'invoices.setKeepOffline',
  'catalog.get',
  'catalog.promo',
  'catalog.price',
  'catalog.compare',
  'orders.place',
  'orders.follow',
  'orders.list',
  'orders.get',
  'orders.pay',
  'sshKeys.list',
  'sshKeys.add',
  'sshKeys.delete',
  'sshKeys.generate',
  'sshKeys.push',
  'tickets.list',
  'tickets.get',
  'tickets.reply',
  'tickets.create',
  'tickets.setState',
  'tickets.export',
  'sshKeys.savePrivateKey',
  'sshKeys.discardPrivateKey',
  'backups.list',
  'backups.create',
  'backups.restore',
  'backups.delete',
  'firewall.list',
  'firewall.create',
  'firewall.update',
  'firewall.delete',
  'ssh.target',
  'ssh.setOverride',
  'ssh.prefs',
  'ssh.setPrefs',
  'ssh.open',
  'ssh.input',
  'ssh.resize',
  'ssh.ack',
  'ssh.close',
  'ssh.answerHostKey',
  'ssh.answerPrompt',
  'ssh.reconnect',
  'ssh.startLog',
  'ssh.stopLog',
  'ssh.popOut',
  // @invoke-channels
] as const
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number]

export const EVENT_CHANNELS = [
  'accounts.changed',
  'accounts.health',
  'fleet.changed',
  'app.warning',
  'console.line',
  'console.state',
  'console.poppedIn',
  'fleet.delta',
  'jobs.progress',
  'activity.added',
  'servers.metaChanged',
  'invoices.sync',
  'invoices.changed',
  'tickets.staffReplied',
  'ssh.output',
  'ssh.state',
  'ssh.hostKey',
  'ssh.prompt',
  // @event-channels
] as const
export type EventChannel = (typeof EVENT_CHANNELS)[number]

/** Every push event travels on this one IPC channel as `{ event, payload }`. */
export const EVENT_IPC_CHANNEL = 'flotilla:event'

export type Namespace<C extends string> = C extends `${infer N}.${string}` ? N : never
export type Method<C extends string, N extends string> = C extends `${N}.${infer M}` ? M : never

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(name)
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && (EVENT_CHANNELS as readonly string[]).includes(name)
}
