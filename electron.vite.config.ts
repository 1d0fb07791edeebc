import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'
import { buildCsp } from './src-main/shared/csp'

/** Puts the one CSP (src-main/shared/csp.ts) into index.html's meta tag. */
function cspMeta(): Plugin {
  return {
    name: 'flotilla-csp',
    transformIndexHtml: (html) => html.replace('__FLOTILLA_CSP__', buildCsp({ meta: true }))
  }
}

// Where the build goes; FLOTILLA_OUT_DIR lets parallel test builds stay apart.
const OUT = resolve(import.meta.dirname, process.env.FLOTILLA_OUT_DIR ?? 'out')

// One config for the three Electron targets. The preload runs in a sandboxed
// renderer, which can only `require('electron')`: it is bundled whole, as CommonJS.
export default defineConfig({
  main: {
    build: {
      outDir: resolve(OUT, 'main'),
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src-main/index.ts') } }
    }
  },
  preload: {
    build: {
      outDir: resolve(OUT, 'preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve(import.meta.dirname, 'src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    plugins: [vue(), cspMeta()],
    resolve: { alias: { '@shared': resolve(import.meta.dirname, 'src-main/shared') } },
    build: {
      outDir: resolve(OUT, 'renderer'),
      target: 'esnext',
      // electron-vite leaves the renderer unminified; minified scripts parse faster at start.
      minify: true,
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') } }
    },
    optimizeDeps: { esbuildOptions: { target: 'esnext' } }
  }
})
