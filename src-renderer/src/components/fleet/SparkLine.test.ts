// happy-dom has no canvas: the sparkline is then its sentence, still exposed as
// an image named by it, as the drawn chart is.
import { afterEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import SparkLine from './SparkLine.vue'

let wrapper: VueWrapper | undefined

afterEach(() => wrapper?.unmount())

const describeSeries = (a: { series: string; points: number; min: string; max: string; last: string }): string =>
  `${a.series}: ${a.points} points from ${a.min} to ${a.max}, now ${a.last}`

function mountSpark(points: [number, number][]): VueWrapper {
  wrapper = mount(SparkLine, { props: { points, label: 'CPU', format: (v: number) => `${v} %`, describe: describeSeries } })
  return wrapper
}

describe('SparkLine without a canvas', () => {
  it('names the image with the range and the latest value', () => {
    const w = mountSpark([
      [0, 10],
      [60, 40],
      [120, 25]
    ])
    const image = w.get('[role="img"]')
    expect(image.attributes('aria-label')).toBe('CPU: 3 points from 10 % to 40 %, now 25 %')
    expect(w.get('figcaption').text()).toBe('CPU — 25 %')
    expect(w.find('canvas').exists()).toBe(false)
  })

  it('is just its label when there are no points', () => {
    const w = mountSpark([])
    expect(w.get('[role="img"]').attributes('aria-label')).toBe('CPU')
  })
})
