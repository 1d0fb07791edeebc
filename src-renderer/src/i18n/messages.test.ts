import { describe, expect, it } from 'vitest'
import en from './en'
import de from './de'
import { createFlotillaI18n, resolveLocale } from './index'

type Tree = { [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`)
  )
}

describe('locale messages', () => {
  const enLeaves = leaves(en)
  const deLeaves = leaves(de)

  it('German has exactly the keys English has', () => {
    expect(deLeaves.map(([k]) => k).sort()).toEqual(enLeaves.map(([k]) => k).sort())
  })

  it('has no empty strings in either language', () => {
    expect([...enLeaves, ...deLeaves].filter(([, text]) => text.trim() === '')).toEqual([])
  })

  it('is really translated: most German sentences differ from the English ones', () => {
    const english = new Map(enLeaves)
    const same = deLeaves.filter(([key, text]) => english.get(key) === text)
    // Proper names, "OK", "Status", "Tickets" and the like may stay; sentences may not.
    expect(same.length).toBeLessThan(enLeaves.length * 0.1)
  })

  it('every message compiles and renders in both locales (no syntax slips such as a stray @ or |)', () => {
    const i18n = createFlotillaI18n('en')
    for (const locale of ['en', 'de'] as const) {
      i18n.global.locale.value = locale
      for (const [key] of enLeaves) {
        const text = i18n.global.t(key, { label: 'X', seconds: 3, time: 'now', account: 'A', state: 'ok', message: 'm', balance: '1', mode: 'P' })
        expect(text, `${locale}:${key}`).not.toBe(key)
        expect(text, `${locale}:${key}`).not.toMatch(/[{}]/)
      }
    }
  })
})

describe('resolveLocale', () => {
  it('follows the OS for "system": German for any de-* locale, English otherwise', () => {
    expect(resolveLocale('system', 'de-AT')).toBe('de')
    expect(resolveLocale('system', 'DE')).toBe('de')
    expect(resolveLocale('system', 'fr-FR')).toBe('en')
    expect(resolveLocale('system', 'en-US')).toBe('en')
  })

  it('uses an explicit choice whatever the OS says', () => {
    expect(resolveLocale('en', 'de-DE')).toBe('en')
    expect(resolveLocale('de', 'en-GB')).toBe('de')
  })
})
