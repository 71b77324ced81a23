import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: true,
    // One platform (database, five subgraphs, gateway) for the whole run; tests talk to it over HTTP.
    globalSetup: ['test/global-setup.ts'],
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.data/**', 'clients/web/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
