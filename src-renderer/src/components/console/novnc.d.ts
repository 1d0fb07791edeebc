// noVNC 1.7's RFB as Flotilla uses it. @types/novnc__novnc describes 1.6 under a
// different module path, so the surface is declared here (see /work/shared/NOTES.md).
declare module '@novnc/novnc' {
  export interface RfbCredentials {
    password?: string
    username?: string
    target?: string
  }

  export interface RfbOptions {
    credentials?: RfbCredentials
    shared?: boolean
    wsProtocols?: string[]
  }

  export default class RFB extends EventTarget {
    constructor(target: HTMLElement, urlOrChannel: string | WebSocket, options?: RfbOptions)
    viewOnly: boolean
    scaleViewport: boolean
    clipViewport: boolean
    resizeSession: boolean
    focusOnClick: boolean
    background: string
    qualityLevel: number
    compressionLevel: number
    showDotCursor: boolean
    readonly capabilities: { power: boolean }
    disconnect(): void
    sendCredentials(credentials: RfbCredentials): void
    /** `code` is a KeyboardEvent.code; QEMU needs it (it takes scancodes). */
    sendKey(keysym: number, code: string | null, down?: boolean): void
    sendCtrlAltDel(): void
    focus(options?: FocusOptions): void
    blur(): void
    clipboardPasteFrom(text: string): void
    getImageData(): ImageData
    toDataURL(type?: string, encoderOptions?: number): string
  }
}
