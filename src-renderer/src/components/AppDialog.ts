// PrimeVue's Dialog, with one change: the focus it sets when its opening
// transition ends does not pull the focus back from a field inside the dialog.
// Its focus trap already put the focus on the `autofocus` field when the dialog
// mounted; a person who then presses Tab and types within the transition (about
// 150 ms) lost every key after the first few, because the Dialog moved the focus
// back to the first field mid-word (found by the e2e test typing into "Add
// account"). Every dialog of the app uses this one.
import { defineComponent, type ComponentOptions } from 'vue'
import Dialog from 'primevue/dialog'

interface DialogInternals {
  /** The dialog's root element (PrimeVue's `containerRef`). */
  container: HTMLElement | null
}

const primeFocus = (Dialog as unknown as { methods: { focus(this: DialogInternals): void } }).methods.focus

export default defineComponent({
  name: 'AppDialog',
  // PrimeVue types Dialog as a class-like component; at run time it is an options object.
  extends: Dialog as unknown as ComponentOptions,
  methods: {
    focus(this: DialogInternals): void {
      if (this.container?.contains(document.activeElement)) return
      primeFocus.call(this)
    }
  }
}) as unknown as typeof Dialog
