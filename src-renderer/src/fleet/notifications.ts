// Which server changes become a desktop notification, and in which words.
import type { ServerTransition } from '@shared/contracts/fleet'
import type { Messages } from '../i18n/en'

type NotifyKey = keyof Messages['fleetTable']['notify']

const KIND_KEY: Record<ServerTransition['kind'], NotifyKey | null> = {
  provisioned: 'provisioned',
  'provision-failed': 'provisionFailed',
  stopped: 'stopped',
  started: 'started',
  suspended: 'suspended',
  unsuspended: 'unsuspended',
  // A removed server is visible in the table already; not worth interrupting for.
  removed: null
}

export interface NotificationText {
  tag: string
  key: `fleetTable.notify.${NotifyKey}`
  label: string
}

export function notificationsFor(transitions: readonly ServerTransition[]): NotificationText[] {
  return transitions.flatMap((tr) => {
    const key = KIND_KEY[tr.kind]
    return key ? [{ tag: `${tr.key}:${tr.kind}`, key: `fleetTable.notify.${key}` as const, label: tr.label }] : []
  })
}
