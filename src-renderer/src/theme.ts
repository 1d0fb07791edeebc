// Light/dark: PrimeVue's Aura preset switches on a class on <html>; we set it
// from the user's choice, or from the OS when the choice is "system".
import { definePreset } from '@primeuix/themes'
import Aura from '@primeuix/themes/aura'
import type { Settings } from '@shared/contract'

export const DARK_CLASS = 'flotilla-dark'

/** Message and toast severities, each with the Aura palette it is drawn in. */
const SEVERITY_PALETTES = { info: 'blue', success: 'green', warn: 'yellow', error: 'red' } as const

/**
 * Severity text dark enough on its tinted background in light mode (shade 700:
 * Aura's 600 gives yellow 2.9:1, green 3.1:1) and light enough in dark mode
 * (shade 300: Aura's 500 gives blue 4.0:1).
 */
function severityText(shade: 700 | 300, withVariants: boolean): Record<string, object> {
  return Object.fromEntries(
    Object.entries(SEVERITY_PALETTES).map(([severity, palette]) => {
      const color = `{${palette}.${shade}}`
      return [severity, withVariants ? { color, outlined: { color, borderColor: color }, simple: { color } } : { color }]
    })
  )
}

/**
 * Aura made to meet WCAG 2.1 AA contrast (4.5:1) in both schemes. Light mode:
 * Aura's emerald-500 primary gives white button text and primary-coloured text
 * (tabs, text buttons, links) 2.5:1 on white; emerald-700 gives 5.5:1, hover and
 * press go darker still. Dark mode keeps Aura's emerald-400 with dark text (over
 * 8:1). Messages and toasts get the severity shades above. The a11y e2e test
 * (axe-core over every page in both themes) holds these.
 */
export const FLOTILLA_PRESET = definePreset(Aura, {
  components: {
    message: { colorScheme: { light: severityText(700, true), dark: severityText(300, true) } },
    toast: { colorScheme: { light: severityText(700, false), dark: severityText(300, false) } }
  },
  semantic: {
    colorScheme: {
      light: {
        primary: { color: '{primary.700}', contrastColor: '#ffffff', hoverColor: '{primary.800}', activeColor: '{primary.900}' },
        highlight: { background: '{primary.50}', focusBackground: '{primary.100}', color: '{primary.800}', focusColor: '{primary.900}' }
      }
    }
  }
})
const DARK_QUERY = '(prefers-color-scheme: dark)'

export function isDark(theme: Settings['theme'], systemPrefersDark: boolean): boolean {
  return theme === 'dark' || (theme === 'system' && systemPrefersDark)
}

export function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches
}

export function applyTheme(theme: Settings['theme']): void {
  const dark = isDark(theme, systemPrefersDark())
  document.documentElement.classList.toggle(DARK_CLASS, dark)
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
}

/** Calls back when the OS switches between light and dark; returns the unsubscribe. */
export function onSystemThemeChange(callback: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {}
  const query = matchMedia(DARK_QUERY)
  query.addEventListener('change', callback)
  return () => query.removeEventListener('change', callback)
}
