// The moving parts a virtualised ARIA table shares (the fleet and the invoices):
// the @tanstack virtualiser over fixed-height rows, the active row kept inside a
// shrinking list, and the keyboard model around it (arrows / PageUp / PageDown /
// Home / End move the active row, scroll it into view and move focus with it,
// see useRovingRowFocus). What Enter, Space or a click do stays with the table.
import { computed, watch, type ComputedRef, type Ref } from 'vue'
import { useVirtualizer } from '@tanstack/vue-virtual'
import type { VirtualItem } from '@tanstack/vue-virtual'
import { useRovingRowFocus, type RovingRowFocus } from './useRovingRowFocus'

export interface VirtualRowsOptions<T> {
  readonly items: () => readonly T[]
  /** The element that scrolls vertically. */
  readonly scroller: Ref<HTMLElement | null>
  /** The rowgroup holding the rows (may be the scroller itself). */
  readonly body: Ref<HTMLElement | null>
  readonly activeIndex: Ref<number>
  readonly rowHeight: number
  /** How many rows PageUp / PageDown move. */
  readonly page: number
  /** The first screen renders before the scroller has been measured. */
  readonly initialRect: { width: number; height: number }
  /** When the head scrolls with the rows: the rows start this far below the scroller's top. */
  readonly headHeight?: number
  readonly itemKey: (item: T | undefined, index: number) => string
  readonly rowId: (index: number) => string
}

export interface VirtualRows<T> {
  /** The rows in the DOM now, with their item. */
  readonly rendered: ComputedRef<{ v: VirtualItem; item: T }[]>
  readonly totalSize: ComputedRef<number>
  readonly roving: RovingRowFocus
  /** Makes `index` (clamped to the list) the active row, scrolls it into view and lets focus follow. */
  moveTo(index: number): void
  /** Handles a movement key; true when the key was one (its default is then prevented). */
  handleMoveKey(event: KeyboardEvent): boolean
}

export function useVirtualRows<T>(options: VirtualRowsOptions<T>): VirtualRows<T> {
  const { items, activeIndex, rowHeight, page, headHeight } = options
  const virtualizer = useVirtualizer(
    computed(() => ({
      count: items().length,
      getScrollElement: () => options.scroller.value,
      estimateSize: () => rowHeight,
      overscan: 8,
      initialRect: options.initialRect,
      ...(headHeight !== undefined ? { scrollMargin: headHeight, scrollPaddingStart: headHeight } : {}),
      getItemKey: (index: number) => options.itemKey(items()[index], index)
    }))
  )
  const rendered = computed(() =>
    virtualizer.value.getVirtualItems().flatMap((v) => {
      const item = items()[v.index]
      return item === undefined ? [] : [{ v, item }]
    })
  )
  const totalSize = computed(() => virtualizer.value.getTotalSize())

  // The list shrinks with a filter or a removed account: keep the active row inside it.
  watch(
    () => items().length,
    (n) => {
      if (activeIndex.value >= n) activeIndex.value = Math.max(0, n - 1)
    }
  )

  const roving = useRovingRowFocus({
    body: options.body,
    activeIndex,
    renderedIndexes: computed(() => rendered.value.map(({ v }) => v.index)),
    rowId: options.rowId
  })

  function moveTo(index: number): void {
    const count = items().length
    if (count === 0) return
    activeIndex.value = Math.min(Math.max(index, 0), count - 1)
    virtualizer.value.scrollToIndex(activeIndex.value, { align: 'auto' })
    roving.follow()
  }

  function handleMoveKey(event: KeyboardEvent): boolean {
    const moves: Record<string, () => number> = {
      ArrowDown: () => activeIndex.value + 1,
      ArrowUp: () => activeIndex.value - 1,
      PageDown: () => activeIndex.value + page,
      PageUp: () => activeIndex.value - page,
      Home: () => 0,
      End: () => items().length - 1
    }
    const move = moves[event.key]
    if (!move) return false
    event.preventDefault()
    moveTo(move())
    return true
  }

  return { rendered, totalSize, roving, moveTo, handleMoveKey }
}
