// electron-vite's module declarations (`?asset` imports, ELECTRON_RENDERER_URL) for main-process code.
/// <reference types="electron-vite/node" />
