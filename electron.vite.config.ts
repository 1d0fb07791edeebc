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

// One config for the three Electron targets. The preload runs in a sandboxed
// renderer, which can only `require('electron')`: it is bundled whole, as CommonJS.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src-main/index.ts') } }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
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
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      target: 'esnext',
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') } }
    },
    optimizeDeps: { esbuildOptions: { target: 'esnext' } }
  }
})
