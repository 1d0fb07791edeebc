// Injected faults: each spec answers the next `times` matching requests instead
// of the real handler. Specs are consumed in the order they were injected.
import type { FaultSpec } from './types'

interface ActiveFault {
  spec: FaultSpec
  remaining: number
}

export class FaultQueue {
  private active: ActiveFault[] = []

  inject(spec: FaultSpec): void {
    const times = spec.times ?? 1
    if (!(times > 0)) throw new Error('a fault needs times > 0')
    this.active.push({ spec, remaining: times })
  }

  clear(): void {
    this.active = []
  }

  /** The fault to apply to this request, if any (consumes one use). */
  take(method: string, pathname: string): FaultSpec | null {
    const index = this.active.findIndex((f) => matches(f.spec, method, pathname))
    const fault = this.active[index]
    if (!fault) return null
    fault.remaining -= 1
    if (fault.remaining <= 0) this.active.splice(index, 1)
    return fault.spec
  }
}

function matches(spec: FaultSpec, method: string, pathname: string): boolean {
  if (spec.method && spec.method.toUpperCase() !== method.toUpperCase()) return false
  if (spec.path === undefined) return true
  if (typeof spec.path === 'string') return spec.path === pathname
  spec.path.lastIndex = 0 // a /g regex would otherwise remember the previous match
  return spec.path.test(pathname)
}
