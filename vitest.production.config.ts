import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * `npm run test:production`: the production build, installed without dev dependencies, runs the
 * suite's smoke files (the platform's HTTP surface, through the graph as clients use it) and the
 * multi-host test (three gateways, subgraphs and the registry as separate processes behind nginx).
 * Needs a PostgreSQL server (PRODUCTION_TEST_ADMIN_URL) and Redis; CI runs it once.
 */
export const SMOKE = [
  'gateway/security-headers.test.ts',
  'gateway/http-audit.test.ts',
  'gateway/files/files.test.ts',
  'subgraphs/identity/identity.test.ts',
  'subgraphs/publications/contract.test.ts',
  'subgraphs/applications/applications.test.ts',
  'test/contract/authorization-matrix.test.ts',
];

export default defineConfig({
  resolve: { alias: { graphql: require.resolve('graphql') } }, // as vitest.config.ts
  test: {
    globals: true,
    globalSetup: ['test/production/setup.ts'],
    include: [...SMOKE, 'test/production/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
