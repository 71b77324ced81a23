/**
 * The direction of the project's dependencies, checked in `npm test` (test/architecture.test.ts):
 * clients, gateway, subgraphs and registry build on a neutral `core/`; `platform/` composes them.
 * Tests and their support files may reach across (a gateway test uses demo ids); the code they
 * test may not.
 */
const TEST = '(\\.test\\.ts$|^test/|/test-support\\.ts$|^bench/|^scripts/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-neutral',
      comment: 'core/ (identity protocol, operations manifest, file-store interface, shared constants) imports no other folder of the project.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(gateway|subgraphs|registry|platform|clients|schema|scripts|bench|test)/' },
    },
    {
      name: 'subgraphs-stand-alone',
      comment: 'Subgraphs never import the gateway, the registry or the platform: config and the file store arrive through their deps.',
      severity: 'error',
      from: { path: '^subgraphs/', pathNot: TEST },
      to: { path: '^(gateway|registry|platform)/' },
    },
    {
      name: 'gateway-knows-no-subgraph',
      comment: 'The gateway never imports a subgraph (nor the kit): it speaks to them over HTTP only.',
      severity: 'error',
      from: { path: '^gateway/', pathNot: TEST },
      to: { path: '^subgraphs/' },
    },
    {
      name: 'platform-mounts-the-registry',
      comment: 'The platform mounts the registry on the gateway; the gateway imports neither the registry nor the platform.',
      severity: 'error',
      from: { path: '^gateway/', pathNot: TEST },
      to: { path: '^(registry|platform)/' },
    },
    {
      name: 'registry-is-not-the-gateway',
      comment: 'The registry stores and checks subgraphs; it does not import the gateway it feeds.',
      severity: 'error',
      from: { path: '^registry/', pathNot: TEST },
      to: { path: '^(gateway|platform)/' },
    },
    {
      name: 'clients-import-no-server-code',
      comment: 'Clients (SDK, CLI, portal) use the graph over HTTP; they may read core/ and the committed schema, never server code.',
      severity: 'error',
      from: { path: '^clients/', pathNot: TEST },
      to: { path: '^(gateway|subgraphs|registry|platform)/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: { pathNot: TEST },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^node_modules|^\\.data|/dist/|^clients/web/dist)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
