import { describe, expect, it } from 'vitest'
import { BaseUrl } from './domain'
import { isLoopbackHost, isSecureOrLoopback, movesToAnotherOrigin } from './url-policy'

describe('where a credential may go', () => {
  it.each(['https://aluy.net/api/reseller/v1', 'https://10.0.0.5:8443/api', 'http://127.0.0.1:4010/api', 'http://127.8.9.10/api', 'http://localhost:3000', 'http://[::1]:8080/api'])(
    'allows %s',
    (url) => {
      expect(isSecureOrLoopback(url)).toBe(true)
      expect(BaseUrl.safeParse(url).success).toBe(true)
    }
  )

  it.each(['http://aluy.net/api', 'http://10.0.0.5/api', 'http://127.0.0.1.evil.example/api', 'http://localhost.evil.example/', 'http://128.0.0.1/', 'ftp://127.0.0.1/', 'javascript:alert(1)', 'not a url'])(
    'refuses %s',
    (url) => {
      expect(isSecureOrLoopback(url)).toBe(false)
      expect(BaseUrl.safeParse(url).success).toBe(false)
    }
  )

  it('knows loopback hosts and nothing else', () => {
    expect(['localhost', '127.0.0.1', '127.255.255.254', '::1', '[::1]'].every(isLoopbackHost)).toBe(true)
    expect(['127.0.0.256', '127.1', '0.0.0.0', '::', 'example.com'].some(isLoopbackHost)).toBe(false)
  })

  it('tells a move to another origin from a path change', () => {
    expect(movesToAnotherOrigin('https://aluy.net/api/reseller/v1', 'https://aluy.net/api/reseller/v2')).toBe(false)
    expect(movesToAnotherOrigin('https://aluy.net/api', 'https://evil.example/api')).toBe(true)
    expect(movesToAnotherOrigin('https://aluy.net/api', 'https://aluy.net:8443/api')).toBe(true)
    expect(movesToAnotherOrigin('http://127.0.0.1:4010/api', 'http://localhost:4010/api')).toBe(true)
  })
})
