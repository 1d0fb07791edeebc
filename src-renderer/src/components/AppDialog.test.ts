// AppDialog: opening focuses the `autofocus` field, and the focus the Dialog sets
// when its transition ends does not pull the focus back from another field the
// user already moved to (PrimeVue's own Dialog does, losing typed keys).
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import PrimeVue from 'primevue/config'
import AppDialog from './AppDialog'

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

function mountDialog(): VueWrapper {
  const Host = defineComponent({
    setup() {
      const visible = ref(true)
      return () =>
        h(AppDialog, { visible: visible.value, modal: true, header: 'Test' }, () => [
          h('input', { id: 'first', autofocus: true }),
          h('input', { id: 'second' })
        ])
    }
  })
  wrapper = mount(Host, { attachTo: document.body, global: { plugins: [[PrimeVue, { theme: 'none' }]] } })
  return wrapper
}

/** The Dialog's own step at the end of its opening transition. */
function endOfTransitionFocus(w: VueWrapper): void {
  const dialog = w.findComponent(AppDialog).vm as unknown as { focus(): void }
  dialog.focus()
}

describe('AppDialog', () => {
  it('focuses the autofocus field when nothing inside has the focus', async () => {
    const w = mountDialog()
    await flushPromises()
    ;(document.activeElement as HTMLElement | null)?.blur()
    endOfTransitionFocus(w)
    expect(document.activeElement?.id).toBe('first')
  })

  it('leaves the focus on a field the user moved to before the transition ended', async () => {
    const w = mountDialog()
    await flushPromises()
    document.getElementById('second')!.focus()
    endOfTransitionFocus(w)
    expect(document.activeElement?.id).toBe('second')
  })
})
