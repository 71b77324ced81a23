import { describe, expect, it } from 'vitest';
import { costOf, gql, operation, tokenFor, traceOf } from './graph';

const SERVER = 1;
const CLIENT = 2;

describe('traces', () => {
  it('follow a federated query from the gateway through every subgraph call to each SQL statement, in one trace', async () => {
    // An officer's queue: applications, then the applicants (identity) and procedures.
    const r = await gql(operation('officer/ApplicationQueue'), { first: 5 }, { token: await tokenFor('officer.tax@demo.gov'), traced: true });
    expect(r.errors).toBeUndefined();
    const spans = await traceOf(r);
    const byId = new Map(spans.map((s) => [s.spanId, s]));

    // One root: the gateway's server span, the child of the caller's (W3C traceparent); every
    // other span descends from it.
    const [root] = spans.filter((s) => s.parentSpanId === r.trace!.parentId);
    expect(root).toMatchObject({ kind: SERVER, name: 'POST /graphql', attributes: expect.objectContaining({ 'egov.component': 'gateway-internal', 'http.response.status_code': 200 }) });
    const rootOf = (s: (typeof spans)[number]): typeof s => (s.parentSpanId && byId.has(s.parentSpanId) ? rootOf(byId.get(s.parentSpanId)!) : s);
    expect(new Set(spans.map((s) => rootOf(s).spanId))).toEqual(new Set([root.spanId]));

    // Apollo's gateway traces its own work under the request's span: validation, execution, each fetch
    // (planning too, when the plan is not made already: the clients' operations are planned at start).
    for (const name of ['gateway.request', 'gateway.validate', 'gateway.execute', 'gateway.fetch']) expect(spans.map((s) => s.name)).toContain(name);

    // Each subgraph call: a client span at the gateway, whose child is that subgraph's server span.
    const calls = spans.filter((s) => s.kind === CLIENT && s.attributes['egov.subgraph']);
    expect(new Set(calls.map((c) => c.attributes['egov.subgraph']))).toEqual(new Set(['applications', 'identity', 'procedures']));
    for (const call of calls) {
      expect(spans.filter((s) => s.parentSpanId === call.spanId)).toEqual([expect.objectContaining({ kind: SERVER, attributes: expect.objectContaining({ 'egov.component': call.attributes['egov.subgraph'] }) })]);
    }

    // One span per SQL statement, with its text (placeholders, never values), under the subgraph that ran it.
    const statements = spans.filter((s) => s.attributes['db.system.name'] === 'postgresql');
    expect(statements.length).toBeGreaterThanOrEqual(3);
    for (const s of statements) {
      expect(s.attributes['db.query.text']).toMatch(/^\s*(\/\*.*?\*\/\s*)?select\b/is);
      expect(s.attributes['db.query.text']).not.toMatch(/officer\.tax@demo\.gov/);
      let server = byId.get(s.parentSpanId!);
      while (server && server.kind !== SERVER) server = byId.get(server.parentSpanId!);
      expect(server?.attributes['egov.component']).toBe(s.attributes['db.namespace']);
    }
    const cost = await costOf(r);
    expect(Object.values(cost).reduce((n, c) => n + c.sqlStatements, 0)).toBe(statements.length);
  });

  it('count exactly the statements a request sends: a page of publications is one', async () => {
    const r = await gql('{ publications(first: 3) { edges { node { id title } } } }', {}, { traced: true });
    expect(r.errors).toBeUndefined();
    const spans = await traceOf(r);
    const own = spans.filter((s) => s.attributes['db.system.name'] && !hasAncestor(spans, s, 'remembered'));
    expect(own.map((s) => [s.name, s.attributes['db.namespace']])).toEqual([['select publications', 'publications']]);
  });
});

function hasAncestor(spans: Awaited<ReturnType<typeof traceOf>>, s: (typeof spans)[number], name: string): boolean {
  const parent = spans.find((p) => p.spanId === s.parentSpanId);
  return !!parent && (parent.name === name || hasAncestor(spans, parent, name));
}
