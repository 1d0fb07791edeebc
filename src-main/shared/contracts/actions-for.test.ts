// Capability rules at table level (`actionsFor`): what the fleet table, the
// palette and bulk actions offer for a server before its detail is loaded.
// Every provider × kind × status × power that decides something, exactly.
import { describe, expect, it } from 'vitest'
import { makeServer } from '../testing/make-server'
import type { Server } from '../domain'
import { actionsFor } from './fleet'

function server(over: Partial<Server>): Server {
  return makeServer({ id: 's1', label: 'srv', ...over })
}

const FULL_ALUY_TAIL = ['rename', 'cancel', 'suspend', 'reinstall', 'reset-password', 'upgrade']

describe('actionsFor: aluy', () => {
  it('an active VPS: power by its power state, then everything an active VPS allows', () => {
    expect(actionsFor(server({ power: 'running' }))).toEqual(['shutdown', 'stop', 'restart', ...FULL_ALUY_TAIL])
    expect(actionsFor(server({ power: 'stopped' }))).toEqual(['start', ...FULL_ALUY_TAIL])
    expect(actionsFor(server({ power: 'unknown' }))).toEqual(['start', 'shutdown', 'stop', 'restart', ...FULL_ALUY_TAIL])
    expect(actionsFor(server({ power: 'starting' }))).toEqual(['start', 'shutdown', 'stop', 'restart', ...FULL_ALUY_TAIL])
  })

  it('a suspended VPS can be unsuspended, renamed and cancelled, nothing else', () => {
    expect(actionsFor(server({ status: 'suspended', power: 'stopped' }))).toEqual(['rename', 'cancel', 'unsuspend'])
  })

  it('a pending or cancelled VPS: rename and cancel; a terminated one only rename', () => {
    expect(actionsFor(server({ status: 'pending', power: 'stopped' }))).toEqual(['rename', 'cancel'])
    expect(actionsFor(server({ status: 'cancelled' }))).toEqual(['rename', 'cancel'])
    expect(actionsFor(server({ status: 'terminated' }))).toEqual(['rename'])
  })

  it('a service that is not a VPS (a storage box) has no power, suspend or reinstall', () => {
    expect(actionsFor(server({ kind: 'HETZNER_STORAGEBOX' }))).toEqual(['rename', 'cancel'])
    expect(actionsFor(server({ kind: 'HETZNER_STORAGEBOX', status: 'suspended' }))).toEqual(['rename', 'cancel'])
  })
})

describe('actionsFor: elizon', () => {
  const elizon = (over: Partial<Server>) => server({ provider: 'elizon', ...over })

  it('an active service: power without shutdown, reset, then rename, cancel subscription, suspend, reinstall', () => {
    expect(actionsFor(elizon({ power: 'running' }))).toEqual(['stop', 'restart', 'reset', 'rename', 'subscription-cancel', 'suspend', 'reinstall'])
    expect(actionsFor(elizon({ power: 'stopped' }))).toEqual(['start', 'reset', 'rename', 'subscription-cancel', 'suspend', 'reinstall'])
    expect(actionsFor(elizon({ power: 'unknown' }))).toEqual(['start', 'stop', 'restart', 'reset', 'rename', 'subscription-cancel', 'suspend', 'reinstall'])
  })

  it('a suspended service can be unsuspended and renamed; any other state only renamed', () => {
    expect(actionsFor(elizon({ status: 'suspended', power: 'stopped' }))).toEqual(['rename', 'unsuspend'])
    expect(actionsFor(elizon({ status: 'pending' }))).toEqual(['rename'])
    expect(actionsFor(elizon({ status: 'terminated' }))).toEqual(['rename'])
  })

  it('kind does not matter at elizon (game servers power like VPS)', () => {
    expect(actionsFor(elizon({ kind: 'GAMESERVER', power: 'running' }))).toEqual(actionsFor(elizon({ power: 'running' })))
  })
})
