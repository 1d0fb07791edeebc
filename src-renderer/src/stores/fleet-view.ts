// How the user looks at the fleet: search, sort, grouping, columns (remembered
// in settings between runs), plus selection and collapsed groups (this run only).
// Sorting is computed apart from filtering, so a keystroke only filters an
// already sorted list.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { FleetViewPrefs } from '@shared/contract'
import { compileQuery } from '../fleet/query'
import { COLUMNS, GROUP_FIELDS, groupRows, sortRows, type ColumnId, type GroupField, type SortSpec } from '../fleet/rows'
import { useAppStore } from './app'
import { useFleetStore } from './fleet'

export const DEFAULT_COLUMNS: readonly ColumnId[] = ['label', 'account', 'provider', 'status', 'power', 'ipv4', 'location', 'vcpu', 'ram', 'disk', 'price']
const DEFAULT_SORT: SortSpec = { column: 'label', direction: 'asc' }
const SAVE_DELAY_MS = 600

function isColumn(c: string): c is ColumnId {
  return (COLUMNS as readonly string[]).includes(c)
}
function isGroupField(g: string | null): g is GroupField {
  return g !== null && (GROUP_FIELDS as readonly string[]).includes(g)
}

/**
 * Saved prefs → a valid view; anything unknown (an older or newer app's ids) falls back to defaults.
 * The columns keep the saved order (the user's), each once.
 */
export function readPrefs(prefs: FleetViewPrefs | undefined): { query: string; sort: SortSpec; groupBy: GroupField | null; columns: ColumnId[] } {
  const columns = [...new Set((prefs?.columns ?? []).filter(isColumn))]
  const sortColumn = prefs?.sort.column ?? ''
  return {
    query: prefs?.query ?? '',
    sort: isColumn(sortColumn) ? { column: sortColumn, direction: prefs?.sort.direction ?? 'asc' } : { ...DEFAULT_SORT },
    groupBy: isGroupField(prefs?.groupBy ?? null) ? (prefs?.groupBy as GroupField) : null,
    columns: columns.length > 0 ? columns : [...DEFAULT_COLUMNS]
  }
}

/**
 * The columns the user chose, in their order: columns that stay keep their place,
 * newly shown ones go at the end. Never none: a table without columns has no
 * header to bring them back from, so the name column (or the first shown) stays.
 */
export function chooseColumns(current: readonly ColumnId[], chosen: readonly ColumnId[]): ColumnId[] {
  const wanted = new Set(chosen.filter(isColumn))
  const kept = current.filter((c) => wanted.has(c))
  const added = [...wanted].filter((c) => !kept.includes(c))
  const next = [...kept, ...added]
  if (next.length > 0) return next
  return current.includes('label') || current.length === 0 ? ['label'] : [current[0]!]
}

/** `columns` with `id` swapped with its left (-1) or right (+1) neighbour; unchanged at the ends or when `id` is not shown. */
export function shiftColumn(columns: readonly ColumnId[], id: ColumnId, offset: -1 | 1): ColumnId[] {
  const from = columns.indexOf(id)
  const to = from + offset
  if (from < 0 || to < 0 || to >= columns.length) return [...columns]
  const next = [...columns]
  next[from] = next[to]!
  next[to] = id
  return next
}

export const useFleetViewStore = defineStore('fleetView', () => {
  const fleet = useFleetStore()
  const app = useAppStore()

  const query = ref('')
  const sort = ref<SortSpec>({ ...DEFAULT_SORT })
  const groupBy = ref<GroupField | null>(null)
  const columns = ref<ColumnId[]>([...DEFAULT_COLUMNS])
  const collapsed = shallowRef<Set<string>>(new Set())
  const selected = shallowRef<Set<string>>(new Set())
  let restored = false
  let saveTimer: ReturnType<typeof setTimeout> | undefined

  const sortedRows = computed(() => sortRows(fleet.rows, sort.value))
  const filteredRows = computed(() => {
    const match = compileQuery(query.value)
    return sortedRows.value.filter(match)
  })
  const items = computed(() => groupRows(filteredRows.value, groupBy.value, collapsed.value))
  const selectedRows = computed(() => fleet.rows.filter((r) => selected.value.has(r.key)))

  /** Takes the saved view once settings have loaded; later changes are the user's. */
  function restore(prefs: FleetViewPrefs | undefined): void {
    if (restored) return
    restored = true
    const read = readPrefs(prefs)
    query.value = read.query
    sort.value = read.sort
    groupBy.value = read.groupBy
    columns.value = read.columns
  }

  function prefs(): FleetViewPrefs {
    return { query: query.value, sort: { ...sort.value }, groupBy: groupBy.value, columns: [...columns.value] }
  }

  function scheduleSave(): void {
    if (!restored) return
    clearTimeout(saveTimer)
    saveTimer = setTimeout(() => {
      app.updateSettings({ fleetView: prefs() }).catch(() => {
        // Not remembering a view is not worth interrupting the user; the next change tries again.
      })
    }, SAVE_DELAY_MS)
  }
  watch([query, sort, groupBy, columns], scheduleSave, { deep: true })

  function sortBy(column: ColumnId): void {
    sort.value =
      sort.value.column === column
        ? { column, direction: sort.value.direction === 'asc' ? 'desc' : 'asc' }
        : { column, direction: 'asc' }
  }

  function setVisibleColumns(ids: readonly ColumnId[]): void {
    columns.value = chooseColumns(columns.value, ids)
  }

  /** Moves a shown column one place left (-1) or right (+1); answers whether it moved. */
  function moveColumn(id: ColumnId, offset: -1 | 1): boolean {
    const next = shiftColumn(columns.value, id, offset)
    if (next.every((c, i) => c === columns.value[i])) return false
    columns.value = next
    return true
  }

  function resetColumns(): void {
    columns.value = [...DEFAULT_COLUMNS]
  }

  function toggleGroup(id: string): void {
    const next = new Set(collapsed.value)
    if (!next.delete(id)) next.add(id)
    collapsed.value = next
  }

  function setSelected(keys: Iterable<string>): void {
    selected.value = new Set(keys)
  }

  function toggleSelected(key: string, on?: boolean): void {
    const next = new Set(selected.value)
    const want = on ?? !next.has(key)
    if (want) next.add(key)
    else next.delete(key)
    selected.value = next
  }

  return {
    query,
    sort,
    groupBy,
    columns,
    collapsed,
    selected,
    sortedRows,
    filteredRows,
    items,
    selectedRows,
    restore,
    sortBy,
    setVisibleColumns,
    moveColumn,
    resetColumns,
    toggleGroup,
    setSelected,
    toggleSelected
  }
})
