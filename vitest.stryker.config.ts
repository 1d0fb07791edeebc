import { defineConfig } from 'vitest/config'
import base from './vitest.config'

// The projects mutation testing runs (stryker.config.mjs): unit and renderer.
// e2e needs a build and Chromium per run, far too slow to repeat per mutant.
const projects = (base.test?.projects ?? []).filter((p) => typeof p === 'object' && 'test' in p && p.test?.name !== 'e2e')

export default defineConfig({ test: { projects } })
