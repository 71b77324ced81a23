import { beforeAll, describe, expect, it } from 'vitest';
import { createProcedure } from './test-support';
import { codes, costOf, gql, tokenFor } from '../../test/graph';

/** A page of procedures with everything a catalogue or guide page shows, and their departments. */
const PAGE = `query($first: Int!) {
  procedures(first: $first) {
    totalCount
    edges { node {
      id code title steps { title } requiredDocuments { name } fees { amount } faqs { question }
      forms { downloadUrl } applicationForm { version } department { id name }
    } }
  }
}`;

// Not TAX: clients/cli/query.test.ts compares TAX's whole list of procedures at two moments. Not
// CIVIL: catalogue.test.ts pages through CIVIL's list against its first page's totalCount, and the
// portal's department page test (clients/web/e2e/department.test.ts) counts CIVIL's services.
const DEPTS = ['BIZ', 'HOUSING', 'TRANSPORT'];

describe('no N+1', () => {
  beforeAll(async () => {
    // At least 100 procedures, whatever other test files have created meanwhile.
    const admin = await tokenFor('admin@demo.gov');
    const total = (await gql(PAGE, { first: 1 })).data.procedures.totalCount;
    const run = Date.now().toString(36).toUpperCase();
    for (let i = total; i < 100; i++) {
      await createProcedure(admin, {
        department: DEPTS[i % DEPTS.length], code: `LOAD-${run}-${i}`,
        steps: [{ title: 'Step', description: 'One.' }], fees: [{ description: 'Fee', amount: '1', currency: 'USD' }],
      });
    }
  }, 120_000);

  it('lists 100 procedures with their parts and departments for the SQL statements of 1', async () => {
    const one = await gql(PAGE, { first: 1 }, { traced: true });
    const hundred = await gql(PAGE, { first: 100 }, { traced: true });
    expect(codes(hundred)).toEqual([]);
    expect(hundred.data.procedures.edges).toHaveLength(100);
    expect(hundred.data.procedures.edges.every((e: any) => e.node.department.name)).toBe(true);
    const sql = async (r: typeof one) => Object.fromEntries(Object.entries(await costOf(r)).map(([name, c]) => [name, c.sqlStatements]));
    expect(await sql(hundred)).toEqual(await sql(one));
    expect((await sql(one)).procedures).toBeGreaterThan(0);
    expect((await sql(one)).identity).toBeGreaterThan(0);
  });

  it('answers the department dashboard\'s procedures selection', async () => {
    const q = `query($code: String!) { department(code: $code) { id code name procedures(first: 50) { totalCount edges { node { code title } } } } }`;
    const r = await gql(q, { code: 'TAX' }, { token: await tokenFor('analyst@demo.gov') });
    expect(codes(r)).toEqual([]);
    const codesSeen = r.data.department.procedures.edges.map((e: any) => e.node.code);
    expect(codesSeen).toEqual(expect.arrayContaining(['TAX-REFUND', 'TAX-PAYMENT-PLAN', 'TAX-PROPERTY-EXEMPTION', 'TAX-RESIDENCE-CERT']));
    expect(codesSeen.every((c: string) => !c.startsWith('BIZ-'))).toBe(true);
    expect(r.data.department.procedures.totalCount).toBeGreaterThanOrEqual(4);
  });
});
