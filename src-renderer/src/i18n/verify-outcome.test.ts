import { describe, expect, it } from 'vitest'
import { VERIFY_OUTCOMES, type VerifyResult } from '@shared/domain'
import { createFlotillaI18n } from './index'
import { verifySentence, type Translate } from './verify-outcome'

function translator(locale: 'en' | 'de'): Translate {
  const { t } = createFlotillaI18n(locale).global
  return ((key: string, arg?: Record<string, unknown> | number) =>
    typeof arg === 'number' ? t(key, arg) : t(key, arg ?? {})) as Translate
}

const en = translator('en')
const de = translator('de')

function result(outcome: VerifyResult['outcome'], extra: Partial<VerifyResult> = {}): VerifyResult {
  return { outcome, ok: outcome === 'signed-in', ...extra }
}

describe('verifySentence', () => {
  it.each([
    ['session-expired', 'Session expired — copy a fresh cookie'],
    ['not-reseller', 'Not a reseller account'],
    ['api-key-rejected', 'API key rejected'],
    ['key-lacks-permission', 'The API key lacks a permission'],
    ['unreachable', 'Cannot reach host'],
    ['provider-error', 'The provider reported an error'],
    ['invalid-response', 'The provider’s answer could not be read']
  ] as const)('%s → "%s"', (outcome, sentence) => {
    expect(verifySentence(result(outcome), 'aluy', en, 'en')).toBe(sentence)
  })

  it('gives every outcome its own sentence in both languages', () => {
    for (const [t, locale] of [[en, 'en'], [de, 'de']] as const) {
      const sentences = VERIFY_OUTCOMES.map((o) => verifySentence(result(o), 'elizon', t, locale))
      expect(new Set(sentences).size).toBe(VERIFY_OUTCOMES.length)
      for (const s of sentences) expect(s).not.toMatch(/^verify\./)
    }
  })

  it('shows an aluy balance from integer cents with the locale’s currency format, and the billing mode', () => {
    const signedIn = result('signed-in', { balanceCents: 4250, billingMode: 'POSTPAID' })
    expect(verifySentence(signedIn, 'aluy', en, 'en')).toBe('Signed in — balance €42.50, billing POSTPAID')
    expect(verifySentence(signedIn, 'aluy', de, 'de').replace(/\u00a0/g, ' ')).toBe(
      'Angemeldet — Guthaben 42,50 €, Abrechnung POSTPAID'
    )
  })

  it('counts elizon servers with the right plural', () => {
    expect(verifySentence(result('signed-in', { serverCount: 3 }), 'elizon', en, 'en')).toBe('Signed in — 3 servers')
    expect(verifySentence(result('signed-in', { serverCount: 1 }), 'elizon', en, 'en')).toBe('Signed in — 1 server')
    expect(verifySentence(result('signed-in', { serverCount: 0 }), 'elizon', en, 'en')).toBe('Signed in — no servers')
  })

  it('says just "Signed in" when the provider gave no figures', () => {
    expect(verifySentence(result('signed-in'), 'aluy', en, 'en')).toBe('Signed in')
  })

  it('names the wait of a rate limit in whole seconds, or "later" without one', () => {
    expect(verifySentence(result('rate-limited', { retryAfterSec: 29.2 }), 'elizon', en, 'en')).toBe(
      'Rate-limited — try again in 30 s'
    )
    expect(verifySentence(result('rate-limited'), 'elizon', en, 'en')).toBe('Rate-limited — try again later')
  })
})
