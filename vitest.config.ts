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
    setupFiles: ['test/worker-logs.ts'],
    include: ['**/*.test.ts'],
    // The portal's sources and build are not tests; its browser tests (clients/web/e2e) are.
    // The production suite (vitest.production.config.ts) runs the production build on its own.
    exclude: ['**/node_modules/**', '.data/**', 'clients/web/src/**', 'clients/web/dist/**', 'test/production/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
