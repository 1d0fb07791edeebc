// A tiny method + path router with `:param` segments. Routes are checked in
// order; a path that matches with another method is told apart (405) from an
// unknown path (404), as Next.js route handlers do.
export interface RouteMatch<H> {
  handler: H
  params: Record<string, string>
}

interface Route<H> {
  method: string
  regex: RegExp
  names: string[]
  handler: H
}

export type MatchResult<H> = { kind: 'found'; match: RouteMatch<H> } | { kind: 'method-not-allowed' } | { kind: 'not-found' }

export class Router<H> {
  private readonly routes: Route<H>[] = []

  add(method: string, pattern: string, handler: H): this {
    const names: string[] = []
    const source = pattern
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        names.push(segment.slice(1))
        return '([^/]+)'
      })
      .join('/')
    this.routes.push({ method: method.toUpperCase(), regex: new RegExp(`^${source}/?$`), names, handler })
    return this
  }

  get(pattern: string, handler: H): this {
    return this.add('GET', pattern, handler)
  }
  post(pattern: string, handler: H): this {
    return this.add('POST', pattern, handler)
  }
  patch(pattern: string, handler: H): this {
    return this.add('PATCH', pattern, handler)
  }
  delete(pattern: string, handler: H): this {
    return this.add('DELETE', pattern, handler)
  }

  match(method: string, pathname: string): MatchResult<H> {
    let pathKnown = false
    for (const route of this.routes) {
      const m = route.regex.exec(pathname)
      if (!m) continue
      pathKnown = true
      if (route.method !== method.toUpperCase()) continue
      const params: Record<string, string> = {}
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '')
      })
      return { kind: 'found', match: { handler: route.handler, params } }
    }
    return pathKnown ? { kind: 'method-not-allowed' } : { kind: 'not-found' }
  }
}
