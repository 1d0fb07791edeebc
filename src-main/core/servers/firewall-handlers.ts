// The firewall channels: find the server by key, check its provider offers
// firewall rules, call the port once, and record create / update / delete in the
// activity log (failures too, with the API's words), through port-handlers.ts.
import type { HandlerTable } from '../../shared/contract'
import type { firewallContract, FirewallOutcome } from '../../shared/contracts/firewall'
import { portTargets, recordedChange, type ServerPortDeps } from './port-handlers'

export type FirewallHandlers = Pick<HandlerTable, keyof typeof firewallContract>

export function firewallHandlers(deps: ServerPortDeps): FirewallHandlers {
  const target = portTargets(
    deps,
    (ops) => ops.firewall,
    (provider) => `${provider} offers no firewall rules through its API, so Flotilla cannot manage them for this server.`
  )
  const toOutcome = (change: FirewallOutcome): FirewallOutcome => ({ message: change.message, rule: change.rule })
  return {
    'firewall.list': async ({ key }) => {
      const t = await target(key)
      return { rules: await t.ops.list(t.ctx, t.server), fetchedAt: (deps.now?.() ?? new Date()).toISOString() }
    },
    'firewall.create': async ({ key, rule }) =>
      toOutcome(await recordedChange(deps.activity, target, key, 'firewall-create', (t) => t.ops.create(t.ctx, t.server, rule))),
    'firewall.update': async ({ key, ruleId, changes }) =>
      toOutcome(await recordedChange(deps.activity, target, key, 'firewall-update', (t) => t.ops.update(t.ctx, t.server, ruleId, changes))),
    'firewall.delete': async ({ key, ruleId }) =>
      toOutcome(await recordedChange(deps.activity, target, key, 'firewall-delete', (t) => t.ops.delete(t.ctx, t.server, ruleId)))
  }
}
