// Vite's `?url` imports (the pdf.js worker is bundled and referenced by URL).
declare module '*?url' {
  const url: string
  export default url
}
