import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startEmbeddedPostgres } from '../subgraphs/kit/embedded-postgres';
import { ROOT } from '../core/root';
import { readRoverConfig } from '../schema/rover-config';
import { createDb, createPool } from '../subgraphs/kit/db';
import { IDENTITY_HEADER } from '../core/headers';
import { ANONYMOUS } from '../core/identity';
import { IdentityIssuer } from '../core/identity-tokens';
import type { SubgraphModule } from '../subgraphs/kit/module';
import { startDepartmentSubgraph } from '../subgraphs/kit/standalone';
import { composeSpecs } from './check';
import { builtinSpecs } from './platform';
import { namesFor, scaffold } from './scaffold';

const run = promisify(execFile);

// Scaffolded into subgraphs/ itself, so its relative imports (../kit) resolve; removed afterwards.
const name = `scaffold_${randomBytes(3).toString('hex')}`;
const folder = path.join(ROOT, 'subgraphs', name);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('npm run subgraph -- new', () => {
  it('scaffolds a subgraph that follows the layout, type-checks, composes with the platform and answers', async () => {
    const files = (await scaffold(name, path.join(ROOT, 'subgraphs'))).map((f) => path.relative(folder, f)).sort();
    expect(files).toEqual(expect.arrayContaining([
      'README.md', 'schema.graphql', 'server.ts', 'index.ts', 'module.ts', 'loaders.ts', `${name}.test.ts`,
      'db/migrations/index.ts', `db/migrations/0001_${name}.ts`, 'db/tables.ts', 'resolvers/Department.ts',
      'codegen.ts', 'generated/resolvers.ts',
    ]));
    // Its resolvers are typed by what was generated from its SDL: the template's code must fit it.
    // (test/global-setup.ts declares what its test may inject().)
    const include = ['.', '../../test/global-setup.ts'];
    writeFileSync(path.join(folder, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', include }));
    const typecheck = run('npx', ['tsc', '--noEmit', '-p', path.join(folder, 'tsconfig.json')], { cwd: ROOT }).then(
      () => '',
      (err: { stdout: string }) => err.stdout,
    );
    const { camel, pascal } = namesFor(name);
    const sdl = readFileSync(path.join(folder, 'schema.graphql'), 'utf8');
    const composed = composeSpecs([...builtinSpecs(readRoverConfig()), { name, url: 'http://127.0.0.1:1/graphql', sdl }]);
    expect(composed.ok, JSON.stringify(composed)).toBe(true);

    const module = (await import(/* @vite-ignore */ path.join(folder, 'module.ts')))[camel] as SubgraphModule;
    const pg = await startEmbeddedPostgres(null);
    const pool = createPool({ url: pg.url, max: 1 });
    // What a department is given: the gateway's JWKS URL and its own name; the test signs as the gateway.
    const issuer = await IdentityIssuer.fromKeys(inject('secrets').identityKeys);
    const running = await startDepartmentSubgraph({
      module, db: createDb<any>(pool, name), jwksUrl: inject('jwksUrl'), serviceUrl: inject('serviceUrl'), seed: true,
    });
    try {
      const body = JSON.stringify({ query: `{ ${camel}Entries { __typename title department { id } } }` });
      const res = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await issuer.sign({ ...ANONYMOUS, service: 'gateway' }, name, body) },
        body,
      });
      const answer = (await res.json()) as { data: Record<string, { __typename: string }[]> };
      expect(answer.data[`${camel}Entries`][0].__typename).toBe(`${pascal}Entry`);
      expect(await typecheck).toBe('');
    } finally {
      await running.stop();
      await pool.end();
      await pg.stop();
    }
  }, 180_000); // tsc over the scaffold and all it imports runs beside the subgraph: slow on a busy machine

  it('refuses names that are not lower-case identifiers, and existing folders', async () => {
    expect(() => namesFor('Road Works')).toThrow(/lower-case/);
    await expect(scaffold('identity', path.join(ROOT, 'subgraphs'))).rejects.toThrow(/exists already/);
  });
});
