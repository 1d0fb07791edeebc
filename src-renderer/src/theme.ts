// Light/dark: PrimeVue's Aura preset switches on a class on <html>; we set it
// from the user's choice, or from the OS when the choice is "system".
import type { Settings } from '@shared/contract'

export const DARK_CLASS = 'flotilla-dark'
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
