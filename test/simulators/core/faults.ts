// Injected faults: each spec answers the next `times` matching requests instead
// of the real handler, after letting `skip` matching requests through (so a
// test can target, say, the second GET of a flow). Specs are consumed in the
// order they were injected.
import type { FaultSpec } from './types'

interface ActiveFault {
  spec: FaultSpec
  remaining: number
  /** Matching requests still to let through before this fault applies. */
  toSkip: number
}

export class FaultQueue {
  private active: ActiveFault[] = []

  inject(spec: FaultSpec): void {
    const times = spec.times ?? 1
    const skip = spec.skip ?? 0
    if (!(times > 0)) throw new Error('a fault needs times > 0')
    if (!(Number.isInteger(skip) && skip >= 0)) throw new Error('a fault needs a whole skip >= 0')
    this.active.push({ spec, remaining: times, toSkip: skip })
  }

  clear(): void {
    this.active = []
  }

  /** The fault to apply to this request, if any (consumes one use). */
  take(method: string, pathname: string, accountId: string | null = null): FaultSpec | null {
    let chosen: ActiveFault | null = null
    for (const fault of this.active) {
      if (!matches(fault.spec, method, pathname)) continue
      if (fault.spec.accountId !== undefined && fault.spec.accountId !== accountId) continue
      // Every skipping spec counts every matching request, whichever spec answers it.
      if (fault.toSkip > 0) fault.toSkip -= 1
      else chosen ??= fault
    }
    if (!chosen) return null
    chosen.remaining -= 1
    if (chosen.remaining <= 0) this.active.splice(this.active.indexOf(chosen), 1)
    return chosen.spec
  }
}

function matches(spec: FaultSpec, method: string, pathname: string): boolean {
  if (spec.method && spec.method.toUpperCase() !== method.toUpperCase()) return false
  if (spec.path === undefined) return true
  if (typeof spec.path === 'string') return spec.path === pathname
  spec.path.lastIndex = 0 // a /g regex would otherwise remember the previous match
  return spec.path.test(pathname)
}
