// Keyboard focus for a virtualised ARIA table: the active row is the table's one
// tab stop (a roving tabindex). A table's rowgroup may not carry
// aria-activedescendant, so focus itself moves. While the active row is scrolled
// out of the DOM the body is the stop, and focus follows the row as soon as the
// virtualiser renders it.
import { computed, nextTick, watch, type ComputedRef, type Ref } from 'vue'

export interface RovingRowFocusOptions {
  /** The rowgroup holding the rows; it handles the keys and is the stop while the active row is not rendered. */
  readonly body: Ref<HTMLElement | null>
  readonly activeIndex: Ref<number>
  /** The indexes of the rows in the DOM now. */
  readonly renderedIndexes: ComputedRef<readonly number[]>
  readonly rowId: (index: number) => string
}

export interface RovingRowFocus {
  /** The body's tabindex: out of the tab order while the active row is there to take focus. */
  readonly bodyTabindex: ComputedRef<0 | -1>
  rowTabindex(index: number): 0 | -1
  /** After the active index moved: focus follows it if focus was in the table. */
  follow(): void
  /** Focuses the active row, or the body while that row is not rendered. */
  focus(): void
}

export function useRovingRowFocus(options: RovingRowFocusOptions): RovingRowFocus {
  const { body, activeIndex, renderedIndexes, rowId } = options
  const activeRendered = computed(() => renderedIndexes.value.includes(activeIndex.value))
  let focusPending = false

  function focusActiveRow(): boolean {
    const row = body.value?.querySelector<HTMLElement>(`#${rowId(activeIndex.value)}`)
    if (!row) return false
    row.focus({ preventScroll: true })
    focusPending = false
    return true
  }

  watch(renderedIndexes, () => {
    if (focusPending) void nextTick(focusActiveRow)
  })

  return {
    bodyTabindex: computed(() => (activeRendered.value ? -1 : 0)),
    rowTabindex: (index) => (index === activeIndex.value ? 0 : -1),
    follow() {
      focusPending = body.value?.contains(document.activeElement) ?? false
      if (focusPending) void nextTick(focusActiveRow)
    },
    focus() {
      if (!focusActiveRow()) body.value?.focus()
    }
  }
}
