import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentId } from '../subgraphs/kit/demo';
import { createPublished } from '../subgraphs/publications/test-helpers';
import { codes, gql, tokenFor } from './graph';

/**
 * Public reads from a streaming replica (DATABASE_REPLICA_URL), writes and staff reads from the
 * primary. Needs a real replica: `.ci/replica start` runs a primary and a hot standby of it, and
 * .ci/run runs this file with DATABASE_URL on the primary and DATABASE_REPLICA_URL on the standby.
 * Replay is paused on the standby to tell the two apart: what was written since is on the primary
 * only, so a read that sees it came from the primary, one that does not came from the replica.
 */
const REPLICA = process.env.DATABASE_REPLICA_URL;
if (!REPLICA) console.warn('read-replica.test.ts: DATABASE_REPLICA_URL is not set (.ci/replica start; .ci/run does it): skipped');

const SEARCH = `query($text: String!, $first: Int) { searchPublications(text: $text, first: $first) { totalCount edges { node { id title } } } }`;
const FEED = `query($filter: PublicationFilter, $first: Int) { publications(filter: $filter, first: $first) { totalCount edges { node { id } } } }`;
const BY_ID = `query($id: ID) { publication(id: $id) { id title status } }`;
const PROCEDURES = `query($text: String!, $first: Int) { searchProcedures(text: $text, first: $first) { totalCount edges { node { id code } } } }`;
const CREATE_PROCEDURE = `mutation($input: CreateProcedureInput!) { createProcedure(input: $input) { procedure { id code } userErrors { code message } } }`;

const word = () => `zq${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

/** Asks until `found` holds (replication is asynchronous; on loopback it takes milliseconds). */
async function eventually<T>(ask: (attempt: number) => Promise<T>, found: (answer: T) => boolean): Promise<T> {
  const until = Date.now() + 15_000;
  for (let attempt = 0; ; attempt++) {
    const answer = await ask(attempt);
    if (found(answer) || Date.now() > until) return answer;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(!REPLICA)('public reads from a streaming replica', () => {
  let replica: pg.Client;
  beforeAll(async () => {
    replica = new pg.Client({ connectionString: REPLICA });
    await replica.connect();
    const { rows } = await replica.query('select pg_is_in_recovery() as standby');
    expect(rows[0].standby).toBe(true);
  });
  afterAll(async () => {
    await replica.query('select pg_wal_replay_resume()');
    await replica.end();
  });

  /** Writes while replay is paused reach the primary only, until `resume`. */
  const pauseReplay = () => replica.query('select pg_wal_replay_pause()');
  const resumeReplay = () => replica.query('select pg_wal_replay_resume()');

  it('serves the public feed and search from the replica, the editor’s own reads and every write from the primary', async () => {
    const topic = word();
    await pauseReplay();
    // A write through the graph: it must reach the primary (the standby refuses writes).
    const item = await createPublished('CIVIL', { title: `Replica check ${topic}`, topics: [topic] });

    // The anonymous feed and search read the replica, which has not replayed the item yet.
    const search = await gql(SEARCH, { text: topic, first: 5 });
    expect(codes(search)).toEqual([]);
    expect(search.data.searchPublications).toEqual({ totalCount: 0, edges: [] });
    const feed = await gql(FEED, { filter: { topic }, first: 5 });
    expect(codes(feed)).toEqual([]);
    expect(feed.data.publications.edges).toEqual([]);

    // The item by id is read from the primary (it decides visibility, and staff read drafts there).
    const byId = await gql(BY_ID, { id: item.id }, { token: await tokenFor('editor.civil@demo.gov') });
    expect(byId.data.publication).toMatchObject({ id: item.id, status: 'PUBLISHED' });

    // Once the replica replays, the public reads see it (each attempt a new page size: no cached answer).
    await resumeReplay();
    const found = await eventually((n) => gql(SEARCH, { text: topic, first: 6 + n }), (r) => r.data?.searchPublications.totalCount === 1);
    expect(found.data.searchPublications.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([item.id]);
    const listed = await eventually((n) => gql(FEED, { filter: { topic }, first: 6 + n }), (r) => r.data?.publications.edges.length === 1);
    expect(listed.data.publications.totalCount).toBe(1);
  });

  it('serves the procedure catalogue’s search from the replica', async () => {
    const code = `BIZ-REPLICA-${Date.now().toString(36).toUpperCase()}`;
    const term = word();
    await pauseReplay();
    const created = await gql(
      CREATE_PROCEDURE,
      {
        input: {
          departmentId: departmentId('BIZ'), code, title: `Replica permit ${term}`, summary: 'A procedure made by the replica test.',
          category: 'Business', eligibility: 'Anyone.', legalBasis: 'None.', processingTimeDays: 5, channels: ['IN_PERSON'],
        },
      },
      { token: await tokenFor('officer.biz@demo.gov') },
    );
    expect(codes(created)).toEqual([]);
    expect(created.data.createProcedure.userErrors).toEqual([]);

    const before = await gql(PROCEDURES, { text: term, first: 5 });
    expect(codes(before)).toEqual([]);
    expect(before.data.searchProcedures).toEqual({ totalCount: 0, edges: [] });

    await resumeReplay();
    const after = await eventually((n) => gql(PROCEDURES, { text: term, first: 6 + n }), (r) => r.data?.searchProcedures.totalCount === 1);
    expect(after.data.searchProcedures.edges.map((e: { node: { code: string } }) => e.node.code)).toEqual([code]);
  });
});
