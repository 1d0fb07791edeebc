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

/** Saved prefs → a valid view; anything unknown (an older or newer app's ids) falls back to defaults. */
export function readPrefs(prefs: FleetViewPrefs | undefined): { query: string; sort: SortSpec; groupBy: GroupField | null; columns: ColumnId[] } {
  const columns = (prefs?.columns ?? []).filter(isColumn)
  const sortColumn = prefs?.sort.column ?? ''
  return {
    query: prefs?.query ?? '',
    sort: isColumn(sortColumn) ? { column: sortColumn, direction: prefs?.sort.direction ?? 'asc' } : { ...DEFAULT_SORT },
    groupBy: isGroupField(prefs?.groupBy ?? null) ? (prefs?.groupBy as GroupField) : null,
    columns: columns.length > 0 ? columns : [...DEFAULT_COLUMNS]
  }
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
    toggleGroup,
    setSelected,
    toggleSelected
  }
})
