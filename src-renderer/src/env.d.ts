import type { FlotillaBridge } from '@shared/contract'

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or the web harness; absent if neither ran. */
    flotilla?: FlotillaBridge
  }
}

export {}
