import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../schema/rover-config';
import { departmentId } from '../subgraphs/kit/demo';
import { createDraft, editorOf } from '../subgraphs/publications/test-helpers';
import { post, startTestGateway } from '../test/gateway';
import { operation, tokenFor } from '../test/graph';
import { answerTags, mutationTags } from './cache-tags';
import type { RunningGateway } from './server';

/** What an answer holds and what a mutation changed, read with the committed supergraph's API schema. */
describe('cache tags (in-process)', () => {
  const schema = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
  const tags = (query: string, data: unknown) => [...(answerTags(schema, parse(query), null, data) ?? [])].sort();
  const evicts = (query: string, data: unknown) => [...(mutationTags(schema, parse(query), null, data) ?? ['EVERYTHING'])].sort();

  it.each([
    [
      'an entity on its own: itself and its type',
      '{ publication(slug: "a") { id title department { id name } } }',
      { publication: { id: 'p1', title: 'T', department: { id: 'd1', name: 'D' } } },
      ['Department', 'Department:d1', 'Publication', 'Publication:p1'],
    ],
    [
      'entities in a connection are in a list, so are entities under them',
      '{ publications(first: 2) { edges { node { id department { id } } } } }',
      { publications: { edges: [{ node: { id: 'p1', department: { id: 'd1' } } }, { node: { id: 'p2', department: { id: 'd1' } } }] } },
      ['Department', 'Department:d1', 'Publication', 'Publication:p1', 'Publication:p2', 'list:Department', 'list:Publication'],
    ],
    [
      'aliases, inline and named fragments',
      'query { a: publication(slug: "a") { ...F } } fragment F on Publication { key: id ... on Publication { department { id } } }',
      { a: { key: 'p1', department: { id: 'd1' } } },
      ['Department', 'Department:d1', 'Publication', 'Publication:p1'],
    ],
    ['no id asked: nothing to tag', '{ publications(first: 1) { totalCount } }', { publications: { totalCount: 3 } }, []],
    [
      'an empty list is tagged with what it could hold, so a new item is not missed',
      '{ searchPublications(text: "none") { edges { node { id department { id } } } } }',
      { searchPublications: { edges: [] } },
      ['list:Department', 'list:Publication'],
    ],
    [
      'a lookup that found nothing is tagged, so the item appearing is not missed',
      '{ publication(slug: "not-yet") { id } }',
      { publication: null },
      ['missing:Publication'],
    ],
  ])('%s', (_name, query, data, expected) => {
    expect(tags(query, data)).toEqual(expected);
  });

  it.each([
    [
      'a mutation evicts each entity it shows and the lists of its type',
      'mutation { publishPublication(id: "p1") { publication { id } userErrors { code } } }',
      { publishPublication: { publication: { id: 'p1' }, userErrors: [] } },
      ['Publication:p1', 'list:Publication', 'missing:Publication'],
    ],
    [
      'what its payload holds but its answer does not show: the whole type',
      'mutation { submitFeedback(input: {}) { userErrors { code } } }',
      { submitFeedback: { userErrors: [] } },
      ['Feedback', 'list:Feedback', 'missing:Feedback'],
    ],
    [
      'a refused mutation (no data) evicts by type too',
      'mutation { updateProcedure(id: "x", input: {}) { procedure { id } } }',
      null,
      ['Procedure', 'list:Procedure', 'missing:Procedure'],
    ],
  ])('%s', (_name, query, data, expected) => {
    expect(evicts(query, data)).toEqual(expected);
  });
});

/**
 * Through a gateway with its response cache: what a mutation changed goes, the rest stays. The
 * answers that must stay are of the catalogue and questions, which their subgraphs let the cache keep
 * 60 s, so a slow machine cannot expire one mid-test (news is kept at most 5 s).
 */
describe('the response cache evicts only what a mutation changed', () => {
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

  it('a citizen’s feedback evicts lists of feedback, not the catalogue or a procedure’s guide', async () => {
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

  it('editing a procedure evicts its guide and the catalogue (a list of procedures), not another procedure’s guide', async () => {
    const [refund] = await Promise.all([kept(guide('TAX-REFUND')), kept(guide('BIZ-LICENCE')), kept(catalogue), kept(questions)]);
    // Saved with the title it has: a write all the same, and the demo data stays as it was.
    const edited = await post(
      gateway.url,
      { query: 'mutation($id: ID!, $input: UpdateProcedureInput!) { updateProcedure(id: $id, input: $input) { procedure { id } userErrors { code } } }', variables: { id: refund.procedure.id, input: { title: refund.procedure.title } } },
      await as('officer.tax@demo.gov'),
    );
    expect(edited.body.data.updateProcedure.userErrors).toEqual([]);
    expect(await cacheOf(guide('TAX-REFUND'))).toBe('MISS');
    expect(await cacheOf(catalogue)).toBe('MISS');
    expect(await cacheOf(guide('BIZ-LICENCE'))).toBe('HIT');
    expect(await cacheOf(questions)).toBe('HIT');
  });

  it('a mutation refused before it shows what it changed evicts every answer holding its type', async () => {
    await Promise.all([kept(guide('BIZ-LICENCE')), kept(questions)]);
    const refused = await post(
      gateway.url,
      { query: 'mutation($id: ID!) { updateProcedure(id: $id, input: { title: "x" }) { userErrors { code } } }', variables: { id: '00000000-0000-4000-8000-000000000000' } },
      await as('officer.tax@demo.gov'),
    );
    expect(refused.body.errors?.length ?? refused.body.data.updateProcedure.userErrors.length).toBeGreaterThan(0);
    expect(await cacheOf(guide('BIZ-LICENCE'))).toBe('MISS');
    expect(await cacheOf(questions)).toBe('HIT');
  });

  it('publishing evicts the lists of publications, not the catalogue', async () => {
    await kept(catalogue);
    const home = { query: operation('web/HomePage'), variables: {} };
    await post(gateway.url, home);
    const draft = await createDraft('CIVIL', { title: `Tagged ${Date.now()}` });
    const published = await post(gateway.url, { query: operation('officer/PublishPublication'), variables: { id: draft.id } }, { authorization: `Bearer ${await editorOf('CIVIL')}` });
    expect(published.body.data.publishPublication.userErrors).toEqual([]);
    const after = await post(gateway.url, home);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.body.data.news.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(draft.id);
    expect(await cacheOf(catalogue)).toBe('HIT');
  });
});

describe('a batch holding a mutation', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ responseCache: { ttlMs: 60_000, maxBytes: 1024 * 1024 } });
  });
  afterAll(() => gateway.stop());

  it('evicts everything, since its answers are not read', async () => {
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
