import { describe, expect, it } from 'vitest'
import { mainWindowOptions } from './window'

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/out/preload/preload.cjs', '/app/out/main/chunks/icon.png')
  const prefs = options.webPreferences ?? {}

  it('isolates and sandboxes the renderer, with only our preload', () => {
    expect(prefs.preload).toBe('/app/out/preload/preload.cjs')
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })

  it('keeps web security on and experimental surfaces off', () => {
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.experimentalFeatures).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.navigateOnDragDrop).toBe(false)
    expect(prefs.spellcheck).toBe(false)
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs).not.toHaveProperty('additionalArguments')
  })

  it('is titled Flotilla, sized for the fleet table, and hidden until ready-to-show', () => {
    expect(options.title).toBe('Flotilla')
    expect(options.show).toBe(false)
    expect(options.width).toBeGreaterThanOrEqual(1024)
    expect(options.height).toBeGreaterThanOrEqual(700)
    expect(options.minWidth).toBeLessThanOrEqual(options.width!)
    expect(options.icon).toBe('/app/out/main/chunks/icon.png')
  })

  it('leaves the icon to the platform when none is given', () => {
    expect(mainWindowOptions('/p.cjs')).not.toHaveProperty('icon')
  })
})
