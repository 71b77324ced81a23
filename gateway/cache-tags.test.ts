import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../schema/rover-config';
import { departmentId } from '../subgraphs/kit/demo';
import { LICENCE, validForm } from '../subgraphs/applications/test-support';
import { createDraft, editorOf } from '../subgraphs/publications/test-helpers';
import { post, startTestGateway } from '../test/gateway';
import { operation, tokenFor } from '../test/graph';
import { documentTags, fieldGraphsOf, mutationTags } from './cache-tags';
import type { RunningGateway } from './server';

/** Which subgraphs an answer comes from and a mutation may change, read from the committed supergraph. */
describe('cache tags (in-process)', () => {
  const sdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const schema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
  const graphs = fieldGraphsOf(sdl);
  const tags = (query: string) => [...(documentTags(schema, graphs, parse(query)) ?? ['UNKNOWN'])].sort();
  const evicts = (query: string) => [...(mutationTags(schema, graphs, parse(query), null) ?? ['EVERYTHING'])].sort();

  it.each([
    ['the home page: three subgraphs', operation('web/HomePage'), ['graph:IDENTITY', 'graph:PROCEDURES', 'graph:PUBLICATIONS']],
    ['a guide: its statistics come from applications', operation('web/ProcedureGuide'), ['graph:APPLICATIONS', 'graph:IDENTITY', 'graph:PROCEDURES']],
    ['a publication page: its opinions come from feedback', operation('web/PublicationPage'), ['graph:FEEDBACK', 'graph:IDENTITY', 'graph:PUBLICATIONS']],
    [
      'aliases, inline and named fragments count like fields',
      'query { a: publication(slug: "a") { ...F } } fragment F on Publication { key: id ... on Publication { opinions(first: 1) { totalCount } } }',
      ['graph:FEEDBACK', 'graph:PUBLICATIONS'],
    ],
    ['only a total: still the subgraph that counts', '{ procedures(first: 1) { totalCount } }', ['graph:PROCEDURES']],
  ])('%s', (_name, query, expected) => {
    expect(tags(query)).toEqual(expected);
  });

  it.each([
    ['feedback', operation('web/SubmitFeedback'), ['graph:FEEDBACK']],
    ['publishing', operation('officer/PublishPublication'), ['graph:PUBLICATIONS']],
    ['signing up', operation('web/Register'), ['graph:IDENTITY']],
    ['a fragment at the root of a mutation: cannot tell', 'mutation { ...M } fragment M on Mutation { signOutEverywhere }', ['EVERYTHING']],
  ])('a mutation evicts what its subgraph serves: %s', (_name, query, expected) => {
    expect(evicts(query)).toEqual(expected);
  });
});

/**
 * Through a gateway with its response cache: what a mutation may have changed goes, the rest stays.
 * The answers that must stay are the catalogue's, questions' and guides', which their subgraphs let
 * the cache keep 60 s, so a slow machine cannot expire one mid-test (news is kept at most 5 s).
 */
describe('the response cache evicts only what a mutation may have changed', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ responseCache: { ttlMs: 60_000, maxBytes: 4 * 1024 * 1024 } });
  });
  afterAll(() => gateway.stop());

  const cacheOf = async (body: object) => (await post(gateway.url, body)).headers.get('x-cache');
  const kept = async (body: object) => {
    const first = await post(gateway.url, body);
    expect(first.body.errors).toBeUndefined();
    expect(await cacheOf(body)).toBe('HIT');
    return first.body.data;
  };
  const as = async (email: string) => ({ authorization: `Bearer ${await tokenFor(email)}` });
  const questions = { query: operation('web/PublicQuestions'), variables: { first: 5 } };
  const catalogue = { query: operation('web/ProcedureCatalog'), variables: { first: 5 } };
  const guide = (code: string) => ({ query: operation('web/ProcedureGuide'), variables: { code } });

  it('a citizen’s feedback evicts the questions, not the catalogue or a procedure’s guide', async () => {
    await Promise.all([kept(questions), kept(catalogue), kept(guide('TAX-REFUND'))]);
    const submitted = await post(
      gateway.url,
      { query: operation('web/SubmitFeedback'), variables: { input: { kind: 'SUGGESTION', departmentId: departmentId('TAX'), subject: 'Cache tags', body: 'Longer opening hours, please.' } } },
      await as('citizen@demo.gov'),
    );
    expect(submitted.body.data.submitFeedback.userErrors).toEqual([]);
    expect(await cacheOf(questions)).toBe('MISS');
    expect(await cacheOf(catalogue)).toBe('HIT');
    expect(await cacheOf(guide('TAX-REFUND'))).toBe('HIT');
  });

  it('an application evicts the guides (their statistics count it), not the catalogue or the questions', async () => {
    await Promise.all([kept(guide(LICENCE.code)), kept(catalogue), kept(questions)]);
    const submitted = await post(
      gateway.url,
      { query: operation('web/SubmitApplication'), variables: { input: { procedureId: LICENCE.id, formData: validForm(), idempotencyKey: `tags-${Date.now()}` } } },
      await as('citizen@demo.gov'),
    );
    expect(submitted.body.data.submitApplication.userErrors).toEqual([]);
    expect(await cacheOf(guide(LICENCE.code))).toBe('MISS');
    expect(await cacheOf(catalogue)).toBe('HIT');
    expect(await cacheOf(questions)).toBe('HIT');
  });

  it('a procedure mutation (here refused) evicts the catalogue and the guides, not the questions', async () => {
    await Promise.all([kept(guide('BIZ-LICENCE')), kept(catalogue), kept(questions)]);
    await post(
      gateway.url,
      { query: 'mutation($id: ID!) { updateProcedure(id: $id, input: { title: "x" }) { userErrors { code } } }', variables: { id: '00000000-0000-4000-8000-000000000000' } },
      await as('officer.tax@demo.gov'),
    );
    expect(await cacheOf(guide('BIZ-LICENCE'))).toBe('MISS');
    expect(await cacheOf(catalogue)).toBe('MISS');
    expect(await cacheOf(questions)).toBe('HIT');
  });

  it('publishing shows the item where a page said it was not there, and on the home page; the catalogue stays', async () => {
    await kept(catalogue);
    const draft = await createDraft('CIVIL', { title: `Tagged ${Date.now()}` });
    const page = { query: operation('web/PublicationPage'), variables: { slug: draft.slug } };
    const home = { query: operation('web/HomePage'), variables: {} };
    expect((await post(gateway.url, page)).body.data.publication).toBeNull();
    await post(gateway.url, home);
    const published = await post(gateway.url, { query: operation('officer/PublishPublication'), variables: { id: draft.id } }, { authorization: `Bearer ${await editorOf('CIVIL')}` });
    expect(published.body.data.publishPublication.userErrors).toEqual([]);
    expect((await post(gateway.url, page)).body.data.publication).toMatchObject({ id: draft.id });
    expect((await post(gateway.url, home)).body.data.news.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(draft.id);
    expect(await cacheOf(catalogue)).toBe('HIT');
  });
});

describe('a batch holding a mutation', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ responseCache: { ttlMs: 60_000, maxBytes: 1024 * 1024 } });
  });
  afterAll(() => gateway.stop());

  it('evicts everything, since its operations are not read one by one', async () => {
    const catalogue = { query: operation('web/ProcedureCatalog'), variables: { first: 3 } };
    await post(gateway.url, catalogue);
    expect((await post(gateway.url, catalogue)).headers.get('x-cache')).toBe('HIT');
    const email = `batch.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.org`;
    const batch = await post(gateway.url, [
      { query: '{ __typename }' },
      { query: operation('web/Register'), variables: { input: { email, password: 'a-long-password-1', displayName: 'Batch test' } } },
    ]);
    expect(batch.status).toBe(200);
    expect((await post(gateway.url, catalogue)).headers.get('x-cache')).toBe('MISS');
  });
});
