// Writes to one file run one after another. Two saves started at once would
// otherwise each compute their content from the same old state, and the one
// renamed last would silently drop the other's change (issue 10, item 9).

/** Runs tasks strictly one after another, in the order they were queued. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task)
    // A failed task must not stall the tasks queued after it.
    this.tail = result.catch(() => undefined)
    return result
  }
}

const queues = new Map<string, { queue: SerialQueue; pending: number }>()

/** Serialises every task for one path across the whole process; the entry goes once the path is idle. */
export function runForPath<T>(path: string, task: () => Promise<T>): Promise<T> {
  const entry = queues.get(path) ?? { queue: new SerialQueue(), pending: 0 }
  queues.set(path, entry)
  entry.pending += 1
  return entry.queue.run(task).finally(() => {
    entry.pending -= 1
    if (entry.pending === 0) queues.delete(path)
  })
}
