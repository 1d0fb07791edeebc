// Game-server console output per service: a short backlog plus live listeners,
// so the SSE stream shows what POST /console/command sent.
const BACKLOG = 50

export type ConsoleListener = (line: string) => void

export class ConsoleHub {
  private readonly lines = new Map<string, string[]>()
  private readonly listeners = new Map<string, Set<ConsoleListener>>()

  backlog(serviceId: string): string[] {
    let lines = this.lines.get(serviceId)
    if (!lines) {
      lines = ['[Server] Starting server on *:25565', '[Server] Preparing level "world"', '[Server] Done (3.2s)! For help, type "help"']
      this.lines.set(serviceId, lines)
    }
    return [...lines]
  }

  push(serviceId: string, line: string): void {
    const lines = this.lines.get(serviceId) ?? this.backlog(serviceId)
    lines.push(line)
    if (lines.length > BACKLOG) lines.splice(0, lines.length - BACKLOG)
    for (const listener of this.listeners.get(serviceId) ?? []) listener(line)
  }

  subscribe(serviceId: string, listener: ConsoleListener): () => void {
    const set = this.listeners.get(serviceId) ?? new Set<ConsoleListener>()
    set.add(listener)
    this.listeners.set(serviceId, set)
    return () => set.delete(listener)
  }
}
