#!/usr/bin/env node
// Validates electron-builder.yml without building anything (so without
// downloading Electron): it is loaded and schema-checked by electron-builder's
// own code (app-builder-lib's getConfig + validateConfiguration, i.e. ajv over
// scheme.json), then Flotilla's packaging requirements are checked on top.
// Exits non-zero on any problem. Usage: node scripts/check-builder-config.mjs [projectDir]
import { existsSync, openSync, readFileSync, readSync, closeSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const CONFIG_FILE = 'electron-builder.yml'

/** The requirements Flotilla's packaging must meet, beyond being schema-valid. */
const REQUIRED = {
  appId: 'app.flotilla.desktop',
  productName: 'Flotilla',
  output: 'dist',
  buildResources: 'resources',
  // The window icon is referenced from out/main/index.js by path (electron-vite `?asset`).
  files: ['out/**', 'package.json', 'resources/icon.png'],
  macTargets: ['dmg', 'zip'],
  macCategory: 'public.app-category.developer-tools',
  winTargets: ['nsis'],
  linuxTargets: ['AppImage', 'deb'],
  linuxCategory: 'Network',
  minIconSize: 512
}

/**
 * Electron fuses the packaged binary must have (electron-builder's `electronFuses`,
 * applied with @electron/fuses after packing). Each is a security boundary: a
 * missing key keeps Electron's default, which for most of these is the unsafe one.
 */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false
}

/** Paths that must never be packaged; each is tested against the `files` patterns. */
const FORBIDDEN_IN_APP = [
  'src-main/index.ts',
  'src-renderer/main.ts',
  'test/harness/demo.ts',
  'scripts/test.sh',
  'electron.vite.config.ts',
  'resources/make-icon.mjs',
  'node_modules/.bin/electron'
]

export async function loadConfig(projectDir) {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js')
  const { DebugLogger } = require('builder-util')
  const config = await getConfig(projectDir, join(projectDir, CONFIG_FILE), null)
  await validateConfiguration(config, new DebugLogger(false))
  return config
}

/** Width and height from a PNG's IHDR chunk, or null when the file is not a PNG. */
export function pngSize(file) {
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.alloc(24)
    readSync(fd, head, 0, 24, 0)
    const signature = head.subarray(0, 8).toString('hex')
    if (signature !== '89504e470d0a1a0a' || head.subarray(12, 16).toString('ascii') !== 'IHDR') return null
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) }
  } finally {
    closeSync(fd)
  }
}

function targetNames(platformConfig) {
  const target = platformConfig?.target
  const list = Array.isArray(target) ? target : target == null ? [] : [target]
  return list.map((t) => (typeof t === 'string' ? t : t.target))
}

function checkIdentity(config) {
  const problems = []
  if (config.appId !== REQUIRED.appId) problems.push(`appId must be "${REQUIRED.appId}" (is "${config.appId}")`)
  if (config.productName !== REQUIRED.productName) problems.push(`productName must be "${REQUIRED.productName}"`)
  if (config.directories?.output !== REQUIRED.output) problems.push(`directories.output must be "${REQUIRED.output}"`)
  if (config.directories?.buildResources !== REQUIRED.buildResources) problems.push(`directories.buildResources must be "${REQUIRED.buildResources}"`)
  if (config.npmRebuild !== false) problems.push('npmRebuild must be false (keytar is N-API; a rebuild downloads Electron headers)')
  return problems
}

export function checkFuses(config) {
  const fuses = config.electronFuses
  if (fuses == null || typeof fuses !== 'object') return ['electronFuses must be set (RunAsNode off, NODE_OPTIONS and --inspect off, cookie encryption, ASAR integrity and only-load-from-ASAR on)']
  return Object.entries(REQUIRED_FUSES)
    .filter(([name, wanted]) => fuses[name] !== wanted)
    .map(([name, wanted]) => `electronFuses.${name} must be ${wanted} (is ${fuses[name] === undefined ? 'unset' : fuses[name]})`)
}

function checkTargets(config) {
  const problems = []
  const expect = (platform, wanted) => {
    const have = targetNames(config[platform])
    for (const t of wanted) if (!have.includes(t)) problems.push(`${platform}.target must include ${t} (has ${have.join(', ') || 'none'})`)
  }
  expect('mac', REQUIRED.macTargets)
  expect('win', REQUIRED.winTargets)
  expect('linux', REQUIRED.linuxTargets)
  if (config.mac?.category !== REQUIRED.macCategory) problems.push(`mac.category must be ${REQUIRED.macCategory}`)
  if (config.mac?.hardenedRuntime !== true) problems.push('mac.hardenedRuntime must be true')
  if (config.linux?.category !== REQUIRED.linuxCategory) problems.push(`linux.category must be ${REQUIRED.linuxCategory}`)
  return problems
}

/** `files` as plain patterns; electron-builder's loader turns them into `{ filter: [...] }` entries. */
function filePatterns(files) {
  const entries = Array.isArray(files) ? files : files == null ? [] : [files]
  return entries.flatMap((entry) => {
    if (typeof entry === 'string') return [entry]
    const filter = entry.filter ?? []
    // An entry copying from elsewhere would bypass the allowlist below, so report it as-is.
    const from = entry.from ? [`(from ${entry.from})`] : []
    return [...from, ...(Array.isArray(filter) ? filter : [filter])]
  })
}

function checkFiles(config, path) {
  const problems = []
  const files = filePatterns(config.files)
  for (const f of REQUIRED.files) if (!files.includes(f)) problems.push(`files must include "${f}"`)
  const includes = files.filter((f) => !f.startsWith('!'))
  const unexpected = includes.filter((f) => !REQUIRED.files.includes(f))
  if (unexpected.length > 0) problems.push(`files may only include ${REQUIRED.files.join(', ')} (also has ${unexpected.join(', ')})`)
  const minimatchOf = require(require.resolve('minimatch', { paths: [require.resolve('app-builder-lib')] }))
  const minimatch = minimatchOf.minimatch ?? minimatchOf
  for (const forbidden of FORBIDDEN_IN_APP) {
    if (includes.some((pattern) => minimatch(forbidden, pattern, { dot: true }))) problems.push(`files would package ${forbidden}`)
  }
  const pkg = JSON.parse(readFileSync(path('package.json'), 'utf8'))
  if (!includes.some((pattern) => minimatch(pkg.main, pattern))) problems.push(`files do not cover package.json "main" (${pkg.main})`)
  const unpack = Array.isArray(config.asarUnpack) ? config.asarUnpack : [config.asarUnpack]
  if (!unpack.some((p) => typeof p === 'string' && p.includes('keytar') && p.endsWith('.node'))) problems.push("asarUnpack must unpack keytar's .node module")
  return problems
}

function checkIcons(config, path) {
  const problems = []
  const png = config.linux?.icon ?? join(REQUIRED.buildResources, 'icon.png')
  if (!existsSync(path(png))) return [`icon ${png} does not exist (run node resources/make-icon.mjs)`]
  const size = pngSize(path(png))
  if (!size) problems.push(`${png} is not a PNG`)
  else if (size.width < REQUIRED.minIconSize || size.height < REQUIRED.minIconSize) {
    problems.push(`${png} is ${size.width}×${size.height}; at least ${REQUIRED.minIconSize}×${REQUIRED.minIconSize} is needed`)
  } else if (size.width !== size.height) problems.push(`${png} must be square (is ${size.width}×${size.height})`)
  for (const [platform, magic] of [['mac', 'icns'], ['win', '\0\0\x01\0']]) {
    const icon = config[platform]?.icon
    if (!icon) continue
    if (!existsSync(path(icon))) problems.push(`${platform}.icon ${icon} does not exist`)
    else if (readFileSync(path(icon)).subarray(0, 4).toString('latin1') !== magic) problems.push(`${platform}.icon ${icon} is not a ${platform === 'mac' ? 'ICNS' : 'ICO'} file`)
  }
  return problems
}

export async function checkBuilderConfig(projectDir) {
  const path = (p) => resolve(projectDir, p)
  let config
  try {
    config = await loadConfig(projectDir)
  } catch (error) {
    return { config: null, problems: [`${CONFIG_FILE} is invalid: ${error instanceof Error ? error.message : String(error)}`] }
  }
  const problems = [...checkIdentity(config), ...checkFuses(config), ...checkTargets(config), ...checkFiles(config, path), ...checkIcons(config, path)]
  return { config, problems }
}

async function main() {
  const projectDir = resolve(process.argv[2] ?? join(fileURLToPath(import.meta.url), '..', '..'))
  const { problems } = await checkBuilderConfig(projectDir)
  if (problems.length > 0) {
    console.error(`${CONFIG_FILE}: ${problems.length} problem(s)`)
    for (const p of problems) console.error(`  - ${p}`)
    process.exit(1)
  }
  console.log(`${CONFIG_FILE}: valid against electron-builder's schema and Flotilla's packaging requirements`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
