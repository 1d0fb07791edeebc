// Layers held by a tool (npm run lint:deps, part of npm run lint and so of CI):
//
//   src-renderer  ──►  src-main/shared  ◄──  src-main/core  ◄──  src-main/electron
//                                              features ──► provider ports
//                                              adapters ──► ports, shared helpers (never services)
//
// dependency-cruiser 17: version 18 needs Node 22, this project runs on Node 20.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only ones included (tsPreCompilationDeps).',
      severity: 'error',
      from: {},
      to: { circular: true }
    },
    {
      name: 'shared-stays-shared',
      comment: 'src-main/shared is compiled for main AND renderer: no core, no Electron, no Node.',
      severity: 'error',
      from: { path: '^src-main/shared/' },
      to: { path: ['^src-main/(core|electron)/', '^src-renderer/', '^(node_modules/)?electron(/|$)'] }
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      from: { path: '^src-main/shared/' },
      to: { dependencyTypes: ['core'] }
    },
    {
      name: 'core-without-electron',
      comment: 'The core runs in Node and in the web harness: Electron only in src-main/electron.',
      severity: 'error',
      from: { path: '^src-main/core/' },
      to: { path: ['^(node_modules/)?electron(/|$)', '^src-main/electron/', '^src-renderer/'] }
    },
    {
      name: 'renderer-only-contract',
      comment: 'The renderer talks to main only through the shared contract (window.flotilla).',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: ['^src-main/(core|electron)/', '^src-main/(index|preload)\\.ts$', '^(node_modules/)?electron(/|$)'] }
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { dependencyTypes: ['core'] }
    },
    {
      name: 'features-through-ports',
      comment: 'Features reach a provider through its port (core/providers/*.ts), never an adapter folder. The registry is the one place that names them.',
      severity: 'error',
      from: { path: '^src-main/core/', pathNot: ['^src-main/core/providers/', '\\.test\\.ts$'] },
      to: { path: '^src-main/core/providers/[^/]+/' }
    },
    {
      name: 'adapters-no-features',
      comment: 'Adapters implement ports; they never call a feature service, handler or store.',
      severity: 'error',
      from: { path: '^src-main/core/providers/' },
      to: { path: '^src-main/core/(?!providers/|http/)[^/]+/.*(service|feature|handlers|store|repository|poller|cache|scheduler|log|bulk-jobs)\\.ts$' }
    },
    {
      name: 'one-adapter-one-provider',
      comment: 'An adapter folder does not reach into another provider\'s folder.',
      severity: 'error',
      from: { path: '^src-main/core/providers/([^/]+)/' },
      to: { path: '^src-main/core/providers/[^/]+/', pathNot: '^src-main/core/providers/$1/' }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.ts$', '^src-renderer/src/testing/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.vue', '.js', '.mjs']
    }
  }
}
