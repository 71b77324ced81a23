import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../schema/rover-config';
import { codes, gql, tokenFor } from '../test/graph';
import { adhocMix, type Inputs } from './scenarios';

/**
 * The benchmark's ad-hoc analyst mix is what it claims: valid documents, all distinct, none a
 * client operation, and answered (a sample, through the gateway as an analyst) without errors.
 */
describe('the ad-hoc analyst mix (bench/scenarios.ts)', () => {
  const mix = adhocMix({ analyst: '' } as Inputs);
  const documents = mix.map((r) => String(r.body.query));

  it('is at least 40 distinct valid documents, none of them a client operation', () => {
    const schema = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
    expect(new Set(documents).size).toBe(documents.length);
    expect(documents.length).toBeGreaterThanOrEqual(40);
    for (const d of documents) expect(validate(schema, parse(d)).map((e) => e.message)).toEqual([]);
    const manifest = readFileSync('clients/operations/manifest.json', 'utf8');
    for (const d of documents) expect(manifest.includes(d)).toBe(false);
  });

  it('answers an analyst without errors', async () => {
    const analyst = await tokenFor('analyst@demo.gov');
    for (const k of [0, 7, 13, 22, 35, 47]) {
      const r = await gql(documents[k], mix[k].body.variables as Record<string, unknown>, { token: analyst });
      expect(codes(r), JSON.stringify(r.errors)).toEqual([]);
      expect(r.data.departments.length).toBeGreaterThan(0);
    }
  });
});
