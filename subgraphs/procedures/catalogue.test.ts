import { describe, expect, it } from 'vitest';
import { demoProcedureId } from '../kit/demo-catalogue';
import { departmentId } from '../kit/demo';
import { codes, gql, operation, tokenFor } from '../../test/graph';
import { createProcedure } from './test-support';

/** ProcedureGuide as the portal sends it, minus `applicationStats` (the applications subgraph adds it). */
export const guideWithoutStats = operation('web/ProcedureGuide').replace(/\n\s*applicationStats \{[^}]*\}/, '');

/** The one field of HomePage that this subgraph answers, cut verbatim from the contract operation. */
const onlineServices = `query { ${/onlineServices: procedures\([^)]*\) \{[^\n]*\n[^\n]*\n\s*\}/.exec(operation('web/HomePage'))![0]} }`;

/** Makes a procedure (as its department's officer), for a test that needs results of its own. */

/** The procedures half of Search, exactly as the contract writes it. */
const searchHalf = `query Search($text: String!, $first: Int = 10) {
  procedures: searchProcedures(text: $text, first: $first) {
    totalCount
    edges { node { id code title summary department { name } } }
  }
}`;

describe('the service catalogue through the gateway', () => {
  it('pages ProcedureCatalog by title, with totalCount, filtered by department', async () => {
    const filter = { departmentId: departmentId('CIVIL') };
    const first = await gql(operation('web/ProcedureCatalog'), { filter, first: 2 });
    expect(codes(first)).toEqual([]);
    const conn = first.data.procedures;
    expect(conn.totalCount).toBeGreaterThanOrEqual(6);
    expect(conn.edges).toHaveLength(2);
    expect(conn.edges[0].node.department).toEqual({ id: departmentId('CIVIL'), name: 'Civil Registry Office' });
    expect(conn.pageInfo.hasNextPage).toBe(true);

    const seen: string[] = conn.edges.map((e: any) => e.node.title);
    let after = conn.pageInfo.endCursor;
    for (;;) {
      const next = await gql(operation('web/ProcedureCatalog'), { filter, first: 2, after });
      seen.push(...next.data.procedures.edges.map((e: any) => e.node.title));
      if (!next.data.procedures.pageInfo.hasNextPage) break;
      after = next.data.procedures.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(conn.totalCount);
    expect([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(seen);
  });

  it('filters by category and online availability', async () => {
    const r = await gql(operation('web/ProcedureCatalog'), { filter: { category: 'Tax', onlineOnly: true }, first: 50 });
    const nodes = r.data.procedures.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.code)).toEqual(expect.arrayContaining(['TAX-REFUND', 'TAX-PAYMENT-PLAN']));
    expect(nodes.every((n: any) => n.category === 'Tax' && n.onlineApplication)).toBe(true);
    expect(nodes.map((n: any) => n.code)).not.toContain('TAX-RESIDENCE-CERT');
  });

  it('answers ProcedureGuide (without applicationStats) by code, with every part', async () => {
    expect(guideWithoutStats).not.toContain('applicationStats');
    const r = await gql(guideWithoutStats, { code: 'BIZ-LICENCE' });
    expect(codes(r)).toEqual([]);
    const p = r.data.procedure;
    expect(p).toMatchObject({ id: demoProcedureId('BIZ-LICENCE'), code: 'BIZ-LICENCE', title: 'Business licence', category: 'Business',
      processingTimeDays: 10, channels: ['ONLINE', 'IN_PERSON'], onlineApplication: true });
    expect(p.steps.map((s: any) => s.position)).toEqual([1, 2, 3, 4]);
    expect(p.requiredDocuments.some((d: any) => d.mandatory === false)).toBe(true);
    expect(p.fees[0]).toEqual({ description: 'Business licence (one year)', amount: '150.00', currency: 'USD' });
    expect(p.forms).toHaveLength(1);
    expect(p.forms[0]).toMatchObject({ mimeType: 'application/pdf', fileName: 'biz-licence-form.pdf', downloadUrl: `/files/${p.forms[0].id}` });
    expect(p.forms[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(p.faqs.length).toBeGreaterThan(0);
    expect(p.applicationForm.version).toBeGreaterThanOrEqual(1);
    expect(p.applicationForm.schema).toMatchObject({ type: 'object', properties: { applicant: { type: 'object' } } });
    expect(p.department).toMatchObject({ id: departmentId('BIZ'), contact: { email: 'business@demo.gov' } });
  });

  it.todo('answers the full ProcedureGuide, applicationStats included, once the applications subgraph contributes it');

  it('finds a procedure by id, and answers null for an unknown id or code', async () => {
    const q = 'query($id: ID, $code: String) { procedure(id: $id, code: $code) { code applicationForm { version } } }';
    expect((await gql(q, { id: demoProcedureId('TAX-REFUND') })).data.procedure.code).toBe('TAX-REFUND');
    expect((await gql(q, { code: 'tax-refund' })).data.procedure.code).toBe('TAX-REFUND');
    expect((await gql(q, { id: 'not-a-uuid' })).data.procedure).toBeNull();
    expect((await gql(q, { code: 'NO-SUCH-THING' })).data.procedure).toBeNull();
    // An offline procedure has no application form.
    expect((await gql(q, { code: 'CIVIL-MARRIAGE' })).data.procedure.applicationForm).toBeNull();
    expect(codes(await gql(q, {}))).toEqual(['BAD_USER_INPUT']);
  });

  it('answers HomePage onlineServices as written', async () => {
    const r = await gql(onlineServices);
    expect(codes(r)).toEqual([]);
    const edges = r.data.onlineServices.edges;
    expect(edges.length).toBe(6);
    for (const e of edges) expect(e.node.department.name).toEqual(expect.any(String));
    expect(onlineServices).toContain('procedures(filter: { onlineOnly: true }, first: 6)');
    expect(edges.every((e: any) => e.node.code && e.node.title)).toBe(true);
  });

  it('searches titles, summaries, steps and FAQs, best matches first', async () => {
    const r = await gql(searchHalf, { text: 'building permit' });
    expect(codes(r)).toEqual([]);
    expect(r.data.procedures.edges[0].node).toMatchObject({ code: 'HOUSING-BUILDING-PERMIT', department: { name: expect.any(String) } });
    expect(r.data.procedures.totalCount).toBeGreaterThanOrEqual(1);
    // Only in an FAQ answer: "visitor vouchers".
    const faq = await gql(searchHalf, { text: 'visitor vouchers' });
    expect(faq.data.procedures.edges.map((e: any) => e.node.code)).toContain('TRANSPORT-PARKING-PERMIT');
    // Only in a step: "fingerprints".
    const step = await gql(searchHalf, { text: 'fingerprints' });
    expect(step.data.procedures.edges.map((e: any) => e.node.code)).toContain('CIVIL-ID-CARD');
    // Quoted phrase and exclusion.
    const phrase = await gql(searchHalf, { text: '"driving licence" -learner' });
    const found = phrase.data.procedures.edges.map((e: any) => e.node.code);
    expect(found).toContain('TRANSPORT-LICENCE-RENEWAL');
    expect(found).not.toContain('TRANSPORT-LEARNER-PERMIT');
  });

  it('pages search results without repeats', async () => {
    // Procedures of this test's own, under two words nobody else uses: other files create
    // procedures meanwhile (procedures/staff.test.ts's "Street food permit"s), which a demo word
    // such as "permit" would find between two pages.
    const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
    const [a, b] = [`pga${run}`.toLowerCase(), `pgb${run}`.toLowerCase()];
    const officer = await tokenFor('officer.biz@demo.gov');
    const mine: string[] = [];
    for (const [i, [title, summary]] of [[`Paging ${a}`, 'x'], ['Paging two', `${a} ${a}`], [`Paging ${b}`, a], ['Paging four', b], [`Paging ${a} ${b}`, 'y']].entries()) {
      const code = `BIZ-PAGE-${run}-${i}`;
      await createProcedure(officer, { department: 'BIZ', code, title, summary });
      mine.push(code);
    }
    const q = 'query($t: String!, $after: String) { searchProcedures(text: $t, first: 2, after: $after) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } }';
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const r: any = await gql(q, { t: `${a} or ${b}`, after });
      expect(codes(r)).toEqual([]);
      total = r.data.searchProcedures.totalCount;
      seen.push(...r.data.searchProcedures.edges.map((e: any) => e.node.code));
      if (!r.data.searchProcedures.pageInfo.hasNextPage) break;
      after = r.data.searchProcedures.pageInfo.endCursor;
    }
    expect(total).toBe(mine.length);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...mine].sort());
  });

  it('never errors on any typed text', async () => {
    const nasty = [
      '', '   ', '"', '""', '"unclosed phrase', '-', '--', '- -permit', 'or', 'OR OR', 'and', '!', '!!', '&|!():*', "'", "'; drop table procedures; --",
      'permit & | ! <-> :*', '\\', '🙂 licence 🙂', 'licence'.repeat(400), '!@#$%^&*()_+{}|:"<>?'.repeat(100),
      '(((((', ')))))', 'a:* b:A', 'tax <2> refund', '%', '_', 'ﬁ ligature', 'Führerschein', 'x'.repeat(2048),
    ];
    // NUL never gets this far: the gateway refuses it with a 400 (gateway/bad-input.test.ts).
    for (const text of nasty) {
      const r = await gql(searchHalf, { text });
      expect(codes(r), `text ${JSON.stringify(text.slice(0, 40))}`).toEqual([]);
      expect(Array.isArray(r.data.procedures.edges)).toBe(true);
    }
    const empty = await gql(searchHalf, { text: '' });
    expect(empty.data.procedures).toEqual({ totalCount: 0, edges: [] });
  });
});
