// The PDF engine behind the viewer: pdf.js (pdfjs-dist), loaded on first use so
// the rest of the app (and the component tests) never pay for it. The worker is
// bundled with the app and served from 'self', which the CSP's worker-src allows;
// eval stays off so nothing needs 'unsafe-eval'.
import type * as PdfJs from 'pdfjs-dist'
import type { PDFDocumentProxy } from 'pdfjs-dist'

export interface RenderedDocument {
  readonly pageCount: number
  /** Draws one page (1-based) into the canvas at the given zoom; resolves once painted. */
  renderPage(page: number, canvas: HTMLCanvasElement, scale: number): Promise<void>
  /** Pages (1-based) whose text contains the query, case-insensitively. */
  findText(query: string): Promise<number[]>
  destroy(): Promise<void>
}

export type PdfEngine = (bytes: Uint8Array) => Promise<RenderedDocument>

let loaded: Promise<typeof PdfJs> | null = null

async function pdfjs(): Promise<typeof PdfJs> {
  loaded ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([lib, worker]) => {
    lib.GlobalWorkerOptions.workerSrc = worker.default
    return lib
  })
  return loaded
}

export const pdfJsEngine: PdfEngine = async (bytes) => {
  const lib = await pdfjs()
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const doc: PDFDocumentProxy = await lib.getDocument({ data: bytes.slice(), isEvalSupported: false }).promise
  const texts = new Map<number, string>()
  const pageText = async (n: number): Promise<string> => {
    const cached = texts.get(n)
    if (cached !== undefined) return cached
    const content = await (await doc.getPage(n)).getTextContent()
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ').toLowerCase()
    texts.set(n, text)
    return text
  }
  return {
    pageCount: doc.numPages,
    async renderPage(n, canvas, scale) {
      const page = await doc.getPage(n)
      const viewport = page.getViewport({ scale: scale * (globalThis.devicePixelRatio || 1) })
      canvas.width = Math.floor(viewport.width)
      canvas.height = Math.floor(viewport.height)
      canvas.style.width = `${Math.floor(viewport.width / (globalThis.devicePixelRatio || 1))}px`
      await page.render({ canvas, viewport }).promise
    },
    async findText(query) {
      const q = query.trim().toLowerCase()
      if (q === '') return []
      const hits: number[] = []
      for (let n = 1; n <= doc.numPages; n++) if ((await pageText(n)).includes(q)) hits.push(n)
      return hits
    },
    destroy: () => doc.destroy()
  }
}
