import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { departmentId } from '../subgraphs/kit/demo';
import { submit } from '../subgraphs/applications/test-support';
import { codes, eventually, gatewayUrl, gql, newCitizen, operation, tokenFor } from '../test/graph';

/**
 * The audit log through the graph, as clients use it: whatever shape the document has, every
 * staff mutation has exactly one entry, written by the subgraph that acted and relayed by the
 * gateway within a second or two.
 */
const AUDIT_LOG = `query($filter: AuditLogFilter, $first: Int) {
  auditLog(filter: $filter, first: $first) {
    totalCount
    edges { node { at action target outcome errorCode requestId subgraph actorRoles actor { id displayName } } }
  }
}`;

let admin: string;
let editor: string;
beforeAll(async () => {
  [admin, editor] = await Promise.all([tokenFor('admin@demo.gov'), tokenFor('editor.biz@demo.gov')]);
});

type Entry = { action: string; target: string | null; outcome: string; errorCode: string | null; subgraph: string; actorRoles: string[]; actor: { id: string } };

/** The entries of one request, once there are `count` of them (and no more, however long we wait for them). */
async function entriesOf(requestId: string, count: number): Promise<Entry[]> {
  return eventually(async () => {
    const r = await gql(AUDIT_LOG, { filter: { requestId }, first: 50 }, { token: admin });
    expect(r.errors).toBeUndefined();
    // The page and its count are two statements: the relay may land entries between them.
    const nodes = r.data.auditLog.edges.map((e: { node: Entry }) => e.node) as Entry[];
    expect([nodes.length, r.data.auditLog.totalCount]).toEqual([count, count]);
    return nodes.sort((a, b) => `${a.action} ${a.target} ${a.outcome}`.localeCompare(`${b.action} ${b.target} ${b.outcome}`));
  });
}

const entry = (action: string, target: string | null, subgraph: string, roles: string[], outcome = 'OK', errorCode: string | null = null) =>
  expect.objectContaining({ action, target, subgraph, actorRoles: roles, outcome, errorCode });

async function draft(token: string, code = 'BIZ'): Promise<string> {
  const r = await gql(
    operation('officer/CreatePublication'),
    { input: { departmentId: departmentId(code), kind: 'NEWS', title: `Audited ${randomUUID()}`, summary: 's', body: 'b', topics: [] } },
    { token },
  );
  if (!r.data?.createPublication?.publication) throw new Error(JSON.stringify(r));
  return r.data.createPublication.publication.id;
}

/** Sends a document (or a batch of them) the way a client does, under a request id of the test's own. */
async function send(body: unknown, token: string): Promise<{ requestId: string; body: any }> {
  const requestId = `audit-${randomUUID()}`;
  const res = await fetch(gatewayUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
    body: JSON.stringify(body),
  });
  return { requestId, body: await res.json() };
}

const CREATE_INPUT = () => ({ departmentId: departmentId('BIZ'), kind: 'NEWS', title: `Audited ${randomUUID()}`, summary: 's', body: 'b', topics: [] });
const EDITOR = ['EDITOR'];

describe('audit log', () => {
  it('is read by admins only', async () => {
    expect(codes(await gql(AUDIT_LOG))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await gql(AUDIT_LOG, {}, { token: await tokenFor('citizen@demo.gov') }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(AUDIT_LOG, {}, { token: await tokenFor('analyst@demo.gov') }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(AUDIT_LOG, {}, { token: editor }))).toEqual(['FORBIDDEN']);
    const r = await gql(AUDIT_LOG, {}, { token: admin });
    expect(r.errors).toBeUndefined();
    expect(r.data.auditLog.totalCount).toBeGreaterThanOrEqual(0);
  });

  it('a direct field: one entry with actor, action, target from the domain, and outcome', async () => {
    const id = await draft(editor);
    // The client asks for no id: the target is what the subgraph changed.
    const { requestId, body } = await send({ query: 'mutation($id: ID!) { publishPublication(id: $id) { userErrors { code } } }', variables: { id } }, editor);
    expect(body.errors).toBeUndefined();
    const [e] = await entriesOf(requestId, 1);
    expect(e).toEqual(entry('publishPublication', id, 'publications', EDITOR));
    expect(e.actor).toMatchObject({ displayName: expect.stringContaining('Editor') });
  });

  it('an inline fragment', async () => {
    const id = await draft(editor);
    const { requestId, body } = await send(
      { query: 'mutation($id: ID!) { ... on Mutation { publishPublication(id: $id) { userErrors { code } } } }', variables: { id } },
      editor,
    );
    expect(body.errors).toBeUndefined();
    expect(await entriesOf(requestId, 1)).toEqual([entry('publishPublication', id, 'publications', EDITOR)]);
  });

  it('a named fragment', async () => {
    const { requestId, body } = await send(
      {
        query: `mutation($input: CreatePublicationInput!) { ...Create }
                fragment Create on Mutation { createPublication(input: $input) { publication { id } } }`,
        variables: { input: CREATE_INPUT() },
      },
      editor,
    );
    expect(body.errors).toBeUndefined();
    expect(await entriesOf(requestId, 1)).toEqual([entry('createPublication', body.data.createPublication.publication.id, 'publications', EDITOR)]);
  });

  it('an alias', async () => {
    const id = await draft(editor);
    const { requestId, body } = await send({ query: 'mutation($id: ID!) { done: publishPublication(id: $id) { userErrors { code } } }', variables: { id } }, editor);
    expect(body.data.done.userErrors).toEqual([]);
    expect(await entriesOf(requestId, 1)).toEqual([entry('publishPublication', id, 'publications', EDITOR)]);
  });

  it('several mutations in one operation, across subgraphs, one refused for invalid input', async () => {
    const pub = await draft(admin);
    const citizen = await newCitizen('audited');
    const app = (await submit(citizen.token)).application;
    const { requestId, body } = await send(
      {
        query: `mutation($pub: ID!, $app: ID!, $v: Int!) {
          publishPublication(id: $pub) { userErrors { code } }
          ... on Mutation { accept: transitionApplication(input: { id: $app, action: ACCEPT, expectedVersion: $v }) { userErrors { code } } }
          stale: transitionApplication(input: { id: $app, action: APPROVE, expectedVersion: $v }) { userErrors { code } }
          ...Archive
        }
        fragment Archive on Mutation { archivePublication(id: $pub) { userErrors { code } } }`,
        variables: { pub, app: app.id, v: app.version },
      },
      admin,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.stale.userErrors).toEqual([{ code: 'VERSION_CONFLICT' }]);
    expect(await entriesOf(requestId, 4)).toEqual([
      entry('archivePublication', pub, 'publications', ['ADMIN']),
      entry('publishPublication', pub, 'publications', ['ADMIN']),
      entry('transitionApplication', app.id, 'applications', ['ADMIN']),
      entry('transitionApplication', app.id, 'applications', ['ADMIN'], 'USER_ERRORS', 'VERSION_CONFLICT'),
    ]);
  });

  it('a batched request: each operation of the array', async () => {
    const id = await draft(editor);
    const { requestId, body } = await send(
      [
        { query: 'mutation($id: ID!) { publishPublication(id: $id) { userErrors { code } } }', variables: { id } },
        {
          query: 'mutation($input: CreatePublicationInput!) { ... on Mutation { createPublication(input: $input) { publication { id } } } }',
          variables: { input: CREATE_INPUT() },
        },
      ],
      editor,
    );
    expect(body.map((r: { errors?: unknown }) => r.errors)).toEqual([undefined, undefined]);
    expect(await entriesOf(requestId, 2)).toEqual([
      entry('createPublication', body[1].data.createPublication.publication.id, 'publications', EDITOR),
      entry('publishPublication', id, 'publications', EDITOR),
    ]);
  });

  it("a refused act, on another department's record: one entry with its outcome, and what ran before it", async () => {
    const own = await draft(editor);
    const theirs = await draft(await tokenFor('editor.tax@demo.gov'), 'TAX');
    const { requestId, body } = await send(
      {
        query: `mutation($own: ID!, $theirs: ID!) {
          mine: publishPublication(id: $own) { userErrors { code } }
          ... on Mutation { archivePublication(id: $theirs) { userErrors { code } } }
        }`,
        variables: { own, theirs },
      },
      editor,
    );
    // Another department's draft is NOT_FOUND to an editor, as an id that does not exist (issue 17).
    expect(codes({ status: 200, ...body })).toEqual(['NOT_FOUND']);
    expect(await entriesOf(requestId, 2)).toEqual([
      entry('archivePublication', theirs, 'publications', EDITOR, 'ERROR', 'NOT_FOUND'),
      entry('publishPublication', own, 'publications', EDITOR),
    ]);

    // An officer of another department is told the application does not exist, and that is logged.
    const app = (await submit((await newCitizen('audited')).token)).application;
    const refused = await send(
      { query: 'mutation($id: ID!, $v: Int!) { transitionApplication(input: { id: $id, action: ACCEPT, expectedVersion: $v }) { userErrors { code } } }', variables: { id: app.id, v: app.version } },
      await tokenFor('officer.tax@demo.gov'),
    );
    expect(codes({ status: 200, ...refused.body })).toEqual(['NOT_FOUND']);
    expect(await entriesOf(refused.requestId, 1)).toEqual([entry('transitionApplication', app.id, 'applications', ['OFFICER'], 'ERROR', 'NOT_FOUND')]);
  });

  it("does not record citizens' own acts (README: the log is of staff actions)", async () => {
    const citizen = await newCitizen('audited');
    const app = (await submit(citizen.token)).application;
    const withdrawn = await gql('mutation($id: ID!, $v: Int!) { withdrawApplication(id: $id, expectedVersion: $v) { userErrors { code } } }', { id: app.id, v: app.version }, { token: citizen.token });
    expect(withdrawn.data.withdrawApplication.userErrors).toEqual([]);
    // A staff act on the same record after the citizen's: once it is in the log, the citizen's would be too.
    const { requestId } = await send(
      { query: 'mutation($id: ID!, $v: Int!) { transitionApplication(input: { id: $id, action: ACCEPT, expectedVersion: $v }) { userErrors { code } } }', variables: { id: app.id, v: app.version + 1 } },
      await tokenFor('officer.biz@demo.gov'),
    );
    expect(await entriesOf(requestId, 1)).toEqual([entry('transitionApplication', app.id, 'applications', ['OFFICER'], 'USER_ERRORS', 'INVALID_TRANSITION')]);
    const byCitizen = await gql(AUDIT_LOG, { filter: { actorId: citizen.id } }, { token: admin });
    expect(byCitizen.data.auditLog.totalCount).toBe(0);
  });

  it('cannot be written through the public graph', async () => {
    const r = await gql(
      'mutation { recordAudit(source: "parks", entries: [{ seq: "1", at: "2026-01-01T00:00:00Z", actorId: "x", actorRoles: [], action: "forged", outcome: "OK", requestId: "r" }]) }',
      {},
      { token: admin },
    );
    expect(codes(r)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
