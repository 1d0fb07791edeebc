// Electron's entry point (built to out/main/index.js, ESM). It only resolves the
// built files next to it and hands over to the main process wiring.
import { fileURLToPath } from 'node:url'
import iconPath from '../resources/icon.png?asset'
import { startMainProcess } from './electron/main-process'

startMainProcess({
  preloadPath: fileURLToPath(new URL('../preload/preload.cjs', import.meta.url)),
  rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  iconPath
})
