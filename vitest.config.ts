import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql instance for everything: Apollo's CommonJS packages load graphql's CommonJS
    // build, so our code must too ("Cannot use GraphQLObjectType from another module or realm").
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    globals: true,
    // One platform (database, five subgraphs, gateway) for the whole run; tests talk to it over HTTP.
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/worker-setup.ts'],
    include: ['**/*.test.ts'],
    // The portal's sources and build are not tests; its browser tests (clients/web/e2e) are.
    // The production suite (vitest.production.config.ts) runs the production build on its own.
    exclude: ['**/node_modules/**', '.data/**', 'clients/web/src/**', 'clients/web/dist/**', 'test/production/**'],
    // Four files at once on two cores: a file mostly waits on the shared platform (one process),
    // so with a worker per core the machine ran half idle (npm test on PGlite: 329 s with two,
    // 219 s with four, same machine).
    maxWorkers: 4,
    minWorkers: 4,
    // Test files share their worker's modules rather than each loading its own copy of the
    // gateway, the subgraphs and their dependencies: that loading dominated the run per file
    // (npm test on PGlite, same busy shared machine: 330 s isolated, 265 s not).
    // So a file must leave no module state behind that another could trip on: test/graph.ts's
    // tokenFor caches sign-ins for the worker, so a test ends sessions only of accounts it made.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
