import { describe, expect, it } from 'vitest'
import { isHttpsLink, lineCount } from './terminal-safety'

describe('terminal safety', () => {
  it('opens https links only', () => {
    expect(isHttpsLink('https://example.org/x')).toBe(true)
    for (const bad of ['http://example.org', 'file:///etc/passwd', 'javascript:alert(1)', 'ssh://h', 'not a url']) expect(isHttpsLink(bad)).toBe(false)
  })
  it('asks before a paste that contains any line break', () => {
    expect(lineCount('ls -la')).toBe(1)
    expect(lineCount('')).toBe(0)
    expect(lineCount('rm -rf /tmp/x\n')).toBe(2)
    expect(lineCount('a\r\nb\nc')).toBe(3)
  })
})
