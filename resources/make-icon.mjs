#!/usr/bin/env node
// Draws Flotilla's app icon (a sailboat with two more sails on the horizon, on
// a blue tile) and writes icon.png (1024×1024), icon.ico and icon.icns next to
// this script. No image library: shapes are tested per pixel with 4×4
// supersampling and encoded as PNG with node:zlib. Run: node resources/make-icon.mjs
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const here = dirname(fileURLToPath(import.meta.url))
const SAMPLES = 4

// ---- geometry (unit square, y down) ------------------------------------------------

function insideRoundedRect(x, y, inset, radius) {
  const lo = inset
  const hi = 1 - inset
  if (x < lo || x > hi || y < lo || y > hi) return false
  const cx = Math.min(Math.max(x, lo + radius), hi - radius)
  const cy = Math.min(Math.max(y, lo + radius), hi - radius)
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2
}

function insideTriangle(x, y, [a, b, c]) {
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0])
  const d1 = side(a, b)
  const d2 = side(b, c)
  const d3 = side(c, a)
  const hasNeg = d1 < 0 || d2 < 0 || d3 < 0
  const hasPos = d1 > 0 || d2 > 0 || d3 > 0
  return !(hasNeg && hasPos)
}

function insideHull(x, y) {
  const top = 0.655
  const bottom = 0.745
  if (y < top || y > bottom) return false
  const t = (y - top) / (bottom - top)
  const left = 0.2 + t * 0.1
  const right = 0.8 - t * 0.1
  return x >= left && x <= right
}

function insideWave(x, y, base, amplitude, thickness, phase) {
  const centre = base + amplitude * Math.sin((x + phase) * Math.PI * 6)
  return Math.abs(y - centre) <= thickness / 2 && x > 0.12 && x < 0.88
}

const WHITE = [255, 255, 255]
const AMBER = [245, 158, 11]

/** Painter's list, back to front: [test, colour, alpha]. */
const LAYERS = [
  [(x, y) => insideTriangle(x, y, [[0.19, 0.45], [0.19, 0.57], [0.12, 0.57]]), WHITE, 0.45],
  [(x, y) => insideTriangle(x, y, [[0.81, 0.43], [0.81, 0.57], [0.89, 0.57]]), WHITE, 0.45],
  [(x, y) => x >= 0.488 && x <= 0.512 && y >= 0.17 && y <= 0.66, WHITE, 1],
  [(x, y) => insideTriangle(x, y, [[0.53, 0.19], [0.53, 0.62], [0.76, 0.62]]), WHITE, 1],
  [(x, y) => insideTriangle(x, y, [[0.47, 0.27], [0.47, 0.62], [0.3, 0.62]]), WHITE, 0.88],
  [insideHull, AMBER, 1],
  [(x, y) => insideWave(x, y, 0.805, 0.012, 0.022, 0), WHITE, 0.6],
  [(x, y) => insideWave(x, y, 0.86, 0.01, 0.018, 0.08), WHITE, 0.35]
]

function background(y) {
  const top = [30, 64, 175]
  const bottom = [14, 116, 144]
  return top.map((c, i) => c + (bottom[i] - c) * y)
}

/** Colour of one sample point, or null outside the tile. */
function sample(x, y) {
  if (!insideRoundedRect(x, y, 0.04, 0.2)) return null
  let colour = background(y)
  for (const [test, paint, alpha] of LAYERS) {
    if (test(x, y)) colour = colour.map((c, i) => c * (1 - alpha) + paint[i] * alpha)
  }
  return colour
}

function render(size) {
  const rgba = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0]
      let covered = 0
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = sample((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)
          if (!c) continue
          covered++
          for (let i = 0; i < 3; i++) sum[i] += c[i]
        }
      }
      const o = (py * size + px) * 4
      if (covered > 0) for (let i = 0; i < 3; i++) rgba[o + i] = Math.round(sum[i] / covered)
      rgba[o + 3] = Math.round((covered / (SAMPLES * SAMPLES)) * 255)
    }
  }
  return rgba
}

// ---- PNG / ICO / ICNS encoding -------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf) {
  let c = 0xffffffff
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}

/** ICO with PNG-compressed entries (Windows Vista and later). */
function encodeIco(pngs) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(pngs.length, 4)
  let offset = 6 + 16 * pngs.length
  const entries = pngs.map(({ size, png }) => {
    const e = Buffer.alloc(16)
    e[0] = size >= 256 ? 0 : size
    e[1] = size >= 256 ? 0 : size
    e.writeUInt16LE(1, 4)
    e.writeUInt16LE(32, 6)
    e.writeUInt32LE(png.length, 8)
    e.writeUInt32LE(offset, 12)
    offset += png.length
    return e
  })
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.png)])
}

/** ICNS with PNG entries; the OSType says which pixel size each one is. */
function encodeIcns(entries) {
  const blocks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + blocks.reduce((n, b) => n + b.length, 0), 4)
  return Buffer.concat([head, ...blocks])
}

const pngs = new Map()
for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) pngs.set(size, encodePng(size, render(size)))
const png = (size) => pngs.get(size)

writeFileSync(join(here, 'icon.png'), png(1024))
writeFileSync(join(here, 'icon.ico'), encodeIco([16, 32, 48, 64, 128, 256].map((size) => ({ size, png: png(size) }))))
writeFileSync(
  join(here, 'icon.icns'),
  encodeIcns([
    { type: 'icp4', png: png(16) },
    { type: 'icp5', png: png(32) },
    { type: 'icp6', png: png(64) },
    { type: 'ic07', png: png(128) },
    { type: 'ic08', png: png(256) },
    { type: 'ic09', png: png(512) },
    { type: 'ic10', png: png(1024) }
  ])
)
process.stdout.write('wrote resources/icon.png (1024×1024), icon.ico, icon.icns\n')
