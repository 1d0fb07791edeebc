// Canvas charts cannot use CSS variables, so the colours are read from the
// theme's variables and read again whenever the light/dark class on <html>
// changes (the theme switch toggles it; see ../../theme.ts).
import { onBeforeUnmount, onMounted, shallowRef, type Ref, type ShallowRef } from 'vue'

export interface ChartColors {
  readonly primary: string
  readonly text: string
  readonly muted: string
  readonly grid: string
}

const FALLBACK: ChartColors = { primary: '#3b82f6', text: '#334155', muted: '#64748b', grid: 'rgba(100, 116, 139, 0.25)' }

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback
}

export function readChartColors(element: Element): ChartColors {
  const style = getComputedStyle(element)
  return {
    primary: cssVar(style, '--p-primary-color', FALLBACK.primary),
    text: cssVar(style, '--p-text-color', FALLBACK.text),
    muted: cssVar(style, '--p-text-muted-color', FALLBACK.muted),
    grid: cssVar(style, '--p-content-border-color', FALLBACK.grid)
  }
}

/** The theme's colours as seen from `element`, null until it is mounted. */
export function useChartColors(element: Ref<Element | null>): ShallowRef<ChartColors | null> {
  const colors = shallowRef<ChartColors | null>(null)
  let observer: MutationObserver | null = null
  const read = (): void => {
    if (element.value) colors.value = readChartColors(element.value)
  }
  onMounted(() => {
    read()
    observer = new MutationObserver(read)
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] })
  })
  onBeforeUnmount(() => observer?.disconnect())
  return colors
}
