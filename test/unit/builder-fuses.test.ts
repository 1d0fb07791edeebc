// Electron fuses (issue 10, item 14): electron-builder.yml must flip them, and
// `npm run builder:check` must refuse a config that does not.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs script without type declarations
import { checkBuilderConfig, checkFuses, REQUIRED_FUSES } from '../../scripts/check-builder-config.mjs'

type Check = (config: object) => string[]
const ROOT = resolve(import.meta.dirname, '../..')

describe('Electron fuses in electron-builder.yml', () => {
  it('the project config sets every required fuse and passes the check', async () => {
    const { config, problems } = (await checkBuilderConfig(ROOT)) as { config: { electronFuses: object }; problems: string[] }
    expect(problems).toEqual([])
    expect(config.electronFuses).toMatchObject(REQUIRED_FUSES as object)
  }, 60_000)

  it.each([
    ['runAsNode', true],
    ['enableNodeOptionsEnvironmentVariable', true],
    ['enableNodeCliInspectArguments', true],
    ['enableCookieEncryption', false],
    ['enableEmbeddedAsarIntegrityValidation', false],
    ['onlyLoadAppFromAsar', false]
  ])('the check refuses %s = %s', (name, value) => {
    const problems = (checkFuses as Check)({ electronFuses: { ...(REQUIRED_FUSES as object), [name]: value } })
    expect(problems).toEqual([expect.stringContaining(`electronFuses.${name} must be ${!value}`)])
  })

  it('the check refuses a config without electronFuses', () => {
    expect((checkFuses as Check)({})).toEqual([expect.stringContaining('electronFuses must be set')])
  })
})
