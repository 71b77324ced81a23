import { beforeAll, describe, expect, it } from 'vitest';
import { codes, costOf, gql, operation, tokenFor, type Cost, type GraphResponse } from '../test/graph';

/**
 * SQL cost as a test: every contract read operation, run through the gateway as its callers run
 * it, costs the same SQL statements per subgraph at page size 1 as at a large page (or, where it
 * has no page size, for a small and a large input). A statement per row (N+1) fails here long
 * before it shows in a benchmark. Traced requests (test/graph.ts) bypass the response cache; the
 * statements are counted from their spans.
 */
type Measured = { r: GraphResponse; cost: Cost };

async function cost(name: Parameters<typeof operation>[0], variables: Record<string, unknown>, token?: string): Promise<Measured> {
  const r = await gql(operation(name), variables, { token, traced: true });
  expect(codes(r), `${name} ${JSON.stringify(variables)}: ${JSON.stringify(r.errors)}`).toEqual([]);
  const c = await costOf(r);
  return { r, cost: c };
}

/** The larger request costs no more statements, in no subgraph, than the smaller one. */
function expectNoGrowth(small: Cost, large: Cost) {
  for (const [subgraph, c] of Object.entries(large)) {
    expect({ subgraph, sqlStatements: c.sqlStatements }).toEqual({ subgraph, sqlStatements: small[subgraph]?.sqlStatements ?? 0 });
    expect({ subgraph, fetches: c.fetches }).toEqual({ subgraph, fetches: small[subgraph]?.fetches ?? 0 });
  }
}

const edges = (r: GraphResponse, ...path: string[]) => path.reduce((o: any, k) => o?.[k], r.data).edges as any[];

let citizen: string;
let officer: string;
let analyst: string;

beforeAll(async () => {
  [citizen, officer, analyst] = await Promise.all([tokenFor('citizen@demo.gov'), tokenFor('officer.tax@demo.gov'), tokenFor('analyst@demo.gov')]);
});

describe('SQL statements per contract read operation do not grow with the page size', () => {
  it('HomePage (fixed sizes): the same statements on every call, whatever is newest', async () => {
    const a = await cost('web/HomePage', {});
    const b = await cost('web/HomePage', {});
    expectNoGrowth(a.cost, b.cost);
    // 5 news + 5 announcements + 6 services and their departments: a handful of statements, not one per item.
    for (const c of Object.values(a.cost)) expect(c.sqlStatements).toBeLessThanOrEqual(4);
  });

  it('PublicationFeed, 1 vs 50', async () => {
    const one = await cost('web/PublicationFeed', { first: 1 });
    const many = await cost('web/PublicationFeed', { first: 50 });
    expect(edges(many.r, 'publications').length).toBeGreaterThan(1);
    expectNoGrowth(one.cost, many.cost);
    // A deep page (after a cursor) costs what the first does.
    const next = await cost('web/PublicationFeed', { first: 50, after: many.r.data.publications.pageInfo.endCursor });
    expectNoGrowth(many.cost, next.cost);
  });

  it('PublicationPage, a page with opinions vs one without', async () => {
    const feed = edges((await cost('web/PublicationFeed', { first: 100 })).r, 'publications').map((e) => e.node.slug as string);
    // One at a time: the embedded database has one connection, and 100 at once would queue past the subgraph timeout.
    const pages: Measured[] = [];
    for (const slug of feed) {
      const page = await cost('web/PublicationPage', { slug });
      // Other files unpublish or archive their own (newest) items meanwhile: no page to measure.
      if (!page.r.data.publication) continue;
      pages.push(page);
      if (pages.some((p) => p.r.data.publication.opinions.totalCount > 0) && pages.some((p) => p.r.data.publication.opinions.totalCount === 0)) break;
    }
    const withOpinions = pages.find((p) => p.r.data.publication.opinions.totalCount > 0) ?? pages[0];
    const without = pages.find((p) => p.r.data.publication.opinions.totalCount === 0) ?? pages[1];
    expectNoGrowth(without.cost, withOpinions.cost);
  });

  it('ProcedureCatalog, 1 vs 50, and ProcedureGuide for a small and a large procedure', async () => {
    const one = await cost('web/ProcedureCatalog', { first: 1 });
    const many = await cost('web/ProcedureCatalog', { first: 50 });
    expect(edges(many.r, 'procedures').length).toBeGreaterThan(1);
    expectNoGrowth(one.cost, many.cost);
    const guides: Measured[] = [];
    for (const e of edges(many.r, 'procedures').slice(0, 10)) guides.push(await cost('web/ProcedureGuide', { code: e.node.code }));
    const size = (g: (typeof guides)[number]) => JSON.stringify(g.r.data).length;
    guides.sort((a, b) => size(a) - size(b));
    // Online procedures (with statistics) call one more subgraph; compare like with like.
    const online = guides.filter((g) => g.r.data.procedure.onlineApplication);
    const pair = online.length >= 2 ? online : guides;
    expectNoGrowth(pair[0].cost, pair[pair.length - 1].cost);
  });

  it('Search, 1 vs 20', async () => {
    const one = await cost('web/Search', { text: 'permit', first: 1 });
    const many = await cost('web/Search', { text: 'permit', first: 20 });
    expectNoGrowth(one.cost, many.cost);
  });

  it('PublicQuestions, 1 vs 20', async () => {
    const one = await cost('web/PublicQuestions', { first: 1 });
    const many = await cost('web/PublicQuestions', { first: 20 });
    expectNoGrowth(one.cost, many.cost);
  });

  it('Me, two different citizens', async () => {
    const a = await cost('web/Me', {}, citizen);
    const b = await cost('web/Me', {}, await tokenFor('citizen2@demo.gov'));
    expectNoGrowth(a.cost, b.cost);
  });

  it('MyApplications, 1 vs 50, and ApplicationDetail for a short and a long history', async () => {
    const one = await cost('web/MyApplications', { first: 1 }, citizen);
    const many = await cost('web/MyApplications', { first: 50 }, citizen);
    expect(edges(many.r, 'me', 'applications').length).toBeGreaterThan(1);
    expectNoGrowth(one.cost, many.cost);
    const details: Measured[] = [];
    for (const e of edges(many.r, 'me', 'applications').slice(0, 20)) details.push(await cost('web/ApplicationDetail', { id: e.node.id }, citizen));
    details.sort((a, b) => a.r.data.application.history.length - b.r.data.application.history.length);
    expect(details.at(-1)!.r.data.application.history.length).toBeGreaterThan(details[0].r.data.application.history.length);
    expectNoGrowth(details[0].cost, details.at(-1)!.cost);
  });

  it('MyFeedback, 1 vs 20', async () => {
    const one = await cost('web/MyFeedback', { first: 1 }, citizen);
    const many = await cost('web/MyFeedback', { first: 20 }, citizen);
    expectNoGrowth(one.cost, many.cost);
  });

  it('ApplicationQueue and FeedbackQueue, 1 vs 50', async () => {
    for (const name of ['officer/ApplicationQueue', 'officer/FeedbackQueue'] as const) {
      const one = await cost(name, { first: 1 }, officer);
      const many = await cost(name, { first: 50 }, officer);
      expect(edges(many.r, name === 'officer/ApplicationQueue' ? 'applicationQueue' : 'feedbackQueue').length).toBeGreaterThan(1);
      expectNoGrowth(one.cost, many.cost);
    }
  });

  it('DepartmentDashboard, a small and a large department', async () => {
    const period = { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' };
    const runs = await Promise.all(['CIVIL', 'BIZ', 'HOUSING', 'TAX', 'TRANSPORT'].map((code) => cost('analyst/DepartmentDashboard', { code, ...period }, analyst)));
    runs.sort((a, b) => a.r.data.department.procedures.totalCount - b.r.data.department.procedures.totalCount);
    expectNoGrowth(runs[0].cost, runs.at(-1)!.cost);
  });
});

/**
 * Lists under each of many parents (an analyst's ad-hoc query): one department or all of them, a
 * page of 1 or of 10, cost the same statements in every subgraph: each list is one batched
 * statement for all parents (subgraphs/kit/per-parent.ts), never one per department or item.
 */
describe('lists under many parents cost what they cost under one', () => {
  const lists = (n: number) =>
    `procedures(first: ${n}) { totalCount edges { node { code } } }
     publications(first: ${n}) { totalCount edges { node { id opinions(first: 2) { totalCount edges { node { id } } } } } }`;
  const traced = async (query: string) => {
    const r = await gql(query, {}, { token: analyst, traced: true });
    expect(codes(r), JSON.stringify(r.errors)).toEqual([]);
    return { r, cost: await costOf(r) };
  };

  it('departments → procedures, publications and their opinions: one department vs all, a page of 1 vs 10', async () => {
    const one = await traced(`{ department(code: "TAX") { id ${lists(1)} } }`);
    const all = await traced(`{ departments { id ${lists(10)} } }`);
    expect(all.r.data.departments.length).toBeGreaterThan(1);
    expect(all.r.data.departments.some((d: any) => d.procedures.edges.length > 1)).toBe(true);
    expectNoGrowth(one.cost, all.cost);
  });
});
