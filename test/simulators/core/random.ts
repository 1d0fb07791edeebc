// Seeded randomness so a seed always yields the same data and credentials.
// mulberry32: tiny, fast (10,000 services seed in milliseconds) and good enough
// for test data; nothing here is meant to be unguessable.
import { randomBytes } from 'node:crypto'

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz'
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const BASE64URL = BASE62 + '-_'

export class Rng {
  private s: number

  constructor(seed: number) {
    this.s = (Math.imul(seed | 0, 0x9e3779b1) ^ 0x5bd1e995) >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0
    let t = this.s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }

  chars(n: number, alphabet: string): string {
    let out = ''
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.next() * alphabet.length)]
    return out
  }

  /** A 25-char CUID-looking id, as aluy uses. */
  cuid(): string {
    return 'c' + this.chars(24, BASE36)
  }

  base62(n: number): string {
    return this.chars(n, BASE62)
  }

  base64url(n: number): string {
    return this.chars(n, BASE64URL)
  }

  hex(n: number): string {
    return this.chars(n, '0123456789abcdef')
  }

  /** An independent stream, so adding an account never shifts another account's data. */
  fork(salt: number): Rng {
    return new Rng(Math.floor(this.next() * 2 ** 31) ^ Math.imul(salt + 1, 0x85ebca6b))
  }
}

/** Unpredictable values the provider would mint per call (console tokens, passwords). */
export function secretToken(bytes = 18): string {
  return randomBytes(bytes).toString('base64url')
}
