// The firewall input rules, checked before anything is sent: direction, action,
// protocol, port (only with tcp / udp, 1–65535, ranges low to high), source (an
// IPv4 / IPv6 address or CIDR), comment length, and the per-field problems the
// renderer shows inline.
import { describe, expect, it } from 'vitest'
import { changedFields, draftOf, FirewallRuleChanges, FirewallRuleFields, firewallOffered, firewallProblems, validPortSpec, validSource, type FirewallRule } from './firewall'

describe('firewall rule input', () => {
  it('accepts a full rule, trims it, and enables it unless told otherwise', () => {
    expect(FirewallRuleFields.parse({ direction: 'in', action: 'ACCEPT', protocol: 'tcp', port: ' 8000:8100 ', source: ' 2001:db8::/32 ', comment: ' api ' })).toEqual({
      direction: 'in',
      action: 'ACCEPT',
      protocol: 'tcp',
      port: '8000:8100',
      source: '2001:db8::/32',
      comment: 'api',
      enabled: true
    })
  })

  it('reads empty protocol, port, source and comment as not given', () => {
    expect(FirewallRuleFields.parse({ direction: 'out', action: 'DROP', protocol: '', port: '', source: ' ', comment: '', enabled: false })).toEqual({
      direction: 'out',
      action: 'DROP',
      enabled: false
    })
  })

  it('refuses directions, actions and protocols outside the lists', () => {
    expect(FirewallRuleFields.safeParse({ direction: 'both', action: 'ACCEPT' }).success).toBe(false)
    expect(FirewallRuleFields.safeParse({ direction: 'in', action: 'accept' }).success).toBe(false)
    expect(FirewallRuleFields.safeParse({ direction: 'in', action: 'ACCEPT', protocol: 'sctp' }).success).toBe(false)
  })

  it('takes ports and ranges within 1–65535, low to high', () => {
    for (const ok of ['1', '22', '65535', '8000:8100', '80:80']) expect(validPortSpec(ok), ok).toBe(true)
    for (const bad of ['0', '65536', '100:99', '22-80', '022', 'ssh', '1:', ':22', '1:2:3']) expect(validPortSpec(bad), bad).toBe(false)
  })

  it('takes IPv4 / IPv6 addresses and CIDR ranges as source', () => {
    for (const ok of ['203.0.113.7', '10.0.0.0/8', '::1', '2001:db8::/32']) expect(validSource(ok), ok).toBe(true)
    for (const bad of ['10.0.0.0/33', '300.1.1.1', 'example.com', '10.0.0.1/']) expect(validSource(bad), bad).toBe(false)
  })

  it('names one problem per field for the form', () => {
    expect(firewallProblems({ direction: 'in', action: 'ACCEPT', protocol: 'icmp', port: '22', source: 'nowhere', comment: 'x'.repeat(201) })).toEqual({
      port: 'portNeedsProtocol',
      source: 'source',
      comment: 'comment'
    })
    expect(firewallProblems({ direction: 'in', action: 'ACCEPT', protocol: 'tcp', port: '70000' })).toEqual({ port: 'port' })
    expect(firewallProblems({ direction: 'in', action: 'ACCEPT', port: '22' })).toEqual({ port: 'portNeedsProtocol' })
    expect(firewallProblems({ direction: 'in', action: 'ACCEPT', protocol: 'udp', port: '53', comment: 'x'.repeat(200) })).toEqual({})
  })

  it('a change needs at least one field, and a port only together with tcp or udp', () => {
    expect(FirewallRuleChanges.parse({ enabled: false })).toEqual({ enabled: false })
    expect(FirewallRuleChanges.safeParse({}).success).toBe(false)
    expect(FirewallRuleChanges.safeParse({ port: '22' }).success).toBe(false)
    expect(FirewallRuleChanges.safeParse({ port: '22', protocol: 'tcp' }).success).toBe(true)
  })

  describe('an edit', () => {
    const ssh: FirewallRule = { id: '1', direction: 'in', action: 'ACCEPT', protocol: 'tcp', port: '22', source: null, comment: 'ssh', enabled: true }

    it('starts from the rule, keeping words outside the choices as null', () => {
      expect(draftOf(ssh)).toEqual({ direction: 'in', action: 'ACCEPT', protocol: 'tcp', port: '22', source: '', comment: 'ssh', enabled: true })
      expect(draftOf({ ...ssh, direction: 'group', action: 'RETURN', protocol: 'sctp', port: null })).toMatchObject({ direction: null, action: null, protocol: null, port: '' })
      expect(draftOf({ ...ssh, protocol: null }).protocol).toBe('')
    })

    it('changes only the fields that differ, trimmed, and nothing when nothing differs', () => {
      expect(changedFields(ssh, draftOf(ssh))).toEqual({ changes: {}, cleared: [] })
      expect(changedFields(ssh, { ...draftOf(ssh), comment: ' admin ', enabled: false })).toEqual({ changes: { comment: 'admin', enabled: false }, cleared: [] })
      expect(changedFields(ssh, { ...draftOf(ssh), port: ' 22 ' })).toEqual({ changes: {}, cleared: [] })
    })

    it('sends the protocol along with a changed port, so the change passes the contract', () => {
      const { changes } = changedFields(ssh, { ...draftOf(ssh), port: '2222' })
      expect(changes).toEqual({ port: '2222', protocol: 'tcp' })
      expect(FirewallRuleChanges.safeParse(changes).success).toBe(true)
    })

    it('lists emptied fields instead of sending them, and never sends a kept unusual word', () => {
      expect(changedFields(ssh, { ...draftOf(ssh), protocol: '', port: '', comment: '' })).toEqual({ changes: {}, cleared: ['protocol', 'port', 'comment'] })
      const odd: FirewallRule = { ...ssh, direction: 'group', protocol: 'sctp' }
      expect(changedFields(odd, { ...draftOf(odd), source: '10.0.0.0/8' })).toEqual({ changes: { source: '10.0.0.0/8' }, cleared: [] })
    })
  })

  it('is offered for active elizon VPSes only', () => {
    expect(firewallOffered({ provider: 'elizon', status: 'active', kind: 'VPS' })).toBe(true)
    expect(firewallOffered({ provider: 'elizon', status: 'active', kind: 'GAMESERVER' })).toBe(false)
    expect(firewallOffered({ provider: 'elizon', status: 'suspended', kind: 'VPS' })).toBe(false)
    expect(firewallOffered({ provider: 'aluy', status: 'active', kind: 'VPS' })).toBe(false)
  })
})
