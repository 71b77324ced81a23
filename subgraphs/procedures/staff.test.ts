import { describe, expect, it } from 'vitest';
import { departmentId } from '../kit/demo';
import { codes, gatewayUrl, gql, newCitizen, tokenFor } from '../../test/graph';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

const CREATE = `mutation($input: CreateProcedureInput!) {
  createProcedure(input: $input) {
    procedure { id code title channels onlineApplication steps { position title } fees { amount currency } forms { id fileName sha256 downloadUrl } faqs { question } department { id } }
    userErrors { field message code }
  }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateProcedureInput!) {
  updateProcedure(id: $id, input: $input) { procedure { id title summary steps { title } } userErrors { field message code } }
}`;
const PUBLISH = `mutation($id: ID!, $schema: JSON!) {
  publishApplicationForm(procedureId: $id, schema: $schema) {
    procedure { onlineApplication applicationForm { version schema } }
    applicationForm { version publishedAt }
    userErrors { field message code }
  }
}`;
const READ = `query($id: ID, $v: Int) { procedure(id: $id) { title onlineApplication applicationForm { version schema } old: applicationForm(version: $v) { version schema publishedAt } applicationFormVersions { version } } }`;

function input(code: string, extra: Record<string, unknown> = {}) {
  return {
    departmentId: departmentId('BIZ'), code, title: `Street food permit ${code}`, summary: 'Sell food from a van or cart in public places.',
    category: 'Business', eligibility: 'Holders of a business licence.', legalBasis: 'Street Trading Ordinance, s. 4', processingTimeDays: 12,
    channels: ['ONLINE', 'IN_PERSON'],
    steps: [{ title: 'Apply', description: 'Describe the van.' }, { title: 'Inspection', description: 'The van is inspected.' }],
    fees: [{ description: 'Permit', amount: '60.5', currency: 'USD' }],
    faqs: [{ question: `Is a zucchiniburger${code.replace(/-/g, '')} allowed?`, answer: 'Yes.' }],
    ...extra,
  };
}

async function uploadPdf(token: string): Promise<{ id: string; sha256: string }> {
  const res = await fetch(new URL('/files?name=street-food.pdf', gatewayUrl()), {
    method: 'POST',
    headers: { 'content-type': 'application/pdf', authorization: `Bearer ${token}` },
    body: new TextEncoder().encode(`%PDF-1.4\n% ${unique()}\n%%EOF\n`),
  });
  expect(res.status).toBe(201);
  return res.json() as Promise<{ id: string; sha256: string }>;
}

const form = (extra: Record<string, unknown> = {}) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { vanPlate: { type: 'string', title: 'Van number plate' }, ...extra },
  required: ['vanPlate'],
});

describe('staff maintain procedures', () => {
  it('lets an officer create a procedure of their department, with parts and an uploaded form', async () => {
    const officer = await tokenFor('officer.biz@demo.gov');
    const file = await uploadPdf(officer);
    const code = `BIZ-FOOD-${unique()}`;
    const r = await gql(CREATE, { input: input(code, { forms: [{ fileId: file.id, title: 'Application (print)' }] }) }, { token: officer });
    expect(codes(r)).toEqual([]);
    expect(r.data.createProcedure.userErrors).toEqual([]);
    const p = r.data.createProcedure.procedure;
    expect(p).toMatchObject({ code, channels: ['ONLINE', 'IN_PERSON'], department: { id: departmentId('BIZ') }, fees: [{ amount: '60.50', currency: 'USD' }] });
    expect(p.steps.map((s: any) => s.position)).toEqual([1, 2]);
    expect(p.forms).toEqual([{ id: file.id, fileName: 'street-food.pdf', sha256: file.sha256, downloadUrl: `/files/${file.id}` }]);
    // Online only once a form is published.
    expect(p.onlineApplication).toBe(false);

    // It is searchable at once, also by words of its FAQs.
    const s = await gql('query($t: String!) { searchProcedures(text: $t) { edges { node { code } } } }', { t: `zucchiniburger${code.replace(/-/g, '')}` });
    expect(s.data.searchProcedures.edges.map((e: any) => e.node.code)).toEqual([code]);

    const again = await gql(CREATE, { input: input(code) }, { token: officer });
    expect(again.data.createProcedure).toMatchObject({ procedure: null, userErrors: [{ field: 'input.code', code: 'CODE_TAKEN' }] });
  });

  it('reports every invalid field as a userError and stores nothing', async () => {
    const officer = await tokenFor('officer.biz@demo.gov');
    const code = `BIZ-BAD-${unique()}`;
    const r = await gql(CREATE, {
      input: input(code, {
        title: '  ', processingTimeDays: 400, channels: [],
        fees: [{ description: 'Permit', amount: '12.345', currency: 'usd' }],
        forms: [{ fileId: '00000000-0000-4000-8000-000000000000', title: 'Ghost' }],
      }),
    }, { token: officer });
    expect(r.data.createProcedure.procedure).toBeNull();
    expect(r.data.createProcedure.userErrors.map((e: any) => [e.field, e.code])).toEqual([
      ['input.title', 'REQUIRED'],
      ['input.processingTimeDays', 'OUT_OF_RANGE'],
      ['input.channels', 'REQUIRED'],
      ['input.fees.0.amount', 'INVALID_AMOUNT'],
      ['input.fees.0.currency', 'INVALID_CURRENCY'],
      ['input.forms.0.fileId', 'UNKNOWN_FILE'],
    ]);
    const bad = await gql(CREATE, { input: input('lower case!') }, { token: officer });
    expect(bad.data.createProcedure.userErrors[0]).toMatchObject({ field: 'input.code', code: 'INVALID_CODE' });
    expect((await gql('query($c: String) { procedure(code: $c) { id } }', { c: code })).data.procedure).toBeNull();
  });

  it('refuses an officer of another department (FORBIDDEN), citizens (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const created = await gql(CREATE, { input: input(`BIZ-LOCK-${unique()}`) }, { token: await tokenFor('officer.biz@demo.gov') });
    const id = created.data.createProcedure.procedure.id;
    const change = { id, input: { title: 'Hijacked' } };

    const otherDept = await gql(UPDATE, change, { token: await tokenFor('officer.tax@demo.gov') });
    expect(codes(otherDept)).toEqual(['FORBIDDEN']);
    const editor = await gql(UPDATE, change, { token: await tokenFor('editor.biz@demo.gov') });
    expect(codes(editor)).toEqual(['FORBIDDEN']);
    const citizen = await gql(UPDATE, change, { token: (await newCitizen('meddler')).token });
    expect(codes(citizen)).toEqual(['FORBIDDEN']);
    expect(codes(await gql(UPDATE, change))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await gql(PUBLISH, { id, schema: form() }, { token: await tokenFor('officer.tax@demo.gov') }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(CREATE, { input: input(`BIZ-X-${unique()}`) }, { token: await tokenFor('officer.tax@demo.gov') }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(CREATE, { input: input(`BIZ-X-${unique()}`) }))).toEqual(['UNAUTHENTICATED']);

    expect((await gql(READ, { id })).data.procedure.title).not.toBe('Hijacked');

    // Its own department's officer and an admin may.
    const own = await gql(UPDATE, { id, input: { summary: 'New summary.', steps: [{ title: 'Only step', description: 'Do it.' }] } }, { token: await tokenFor('officer.biz@demo.gov') });
    expect(own.data.updateProcedure).toMatchObject({ userErrors: [], procedure: { summary: 'New summary.', steps: [{ title: 'Only step' }] } });
    const admin = await gql(UPDATE, { id, input: { title: 'Renamed by admin' } }, { token: await tokenFor('admin@demo.gov') });
    expect(admin.data.updateProcedure.procedure.title).toBe('Renamed by admin');
    // A procedure that does not exist.
    expect(codes(await gql(UPDATE, { id: '00000000-0000-4000-8000-000000000000', input: { title: 'x' } }, { token: await tokenFor('admin@demo.gov') }))).toEqual(['NOT_FOUND']);
  });

  it('refuses an application form that is not a JSON Schema 2020-12 object with a userError', async () => {
    const officer = await tokenFor('officer.biz@demo.gov');
    const id = (await gql(CREATE, { input: input(`BIZ-FORM-${unique()}`) }, { token: officer })).data.createProcedure.procedure.id;
    for (const schema of [
      { type: 'object', properties: { age: { type: 'integr' } } },
      { type: 'object', required: 'vanPlate' },
      { type: 'object', properties: { when: { type: 'string', format: 'not-a-format' } } },
      { type: 'array', items: { type: 'string' } },
      { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' },
      'just a string',
    ]) {
      const r = await gql(PUBLISH, { id, schema }, { token: officer });
      expect(codes(r)).toEqual([]);
      expect(r.data.publishApplicationForm.procedure).toBeNull();
      expect(r.data.publishApplicationForm.userErrors).toEqual([{ field: expect.stringMatching(/^schema/), code: 'INVALID_SCHEMA', message: expect.any(String) }]);
    }
    expect((await gql(READ, { id })).data.procedure.applicationFormVersions).toEqual([]);
  });

  it('publishes new form versions and leaves the old ones readable unchanged', async () => {
    const officer = await tokenFor('officer.biz@demo.gov');
    const id = (await gql(CREATE, { input: input(`BIZ-VER-${unique()}`) }, { token: officer })).data.createProcedure.procedure.id;

    const v1 = await gql(PUBLISH, { id, schema: form() }, { token: officer });
    expect(v1.data.publishApplicationForm).toMatchObject({ userErrors: [], applicationForm: { version: 1 }, procedure: { onlineApplication: true, applicationForm: { version: 1 } } });
    const v1Read = (await gql(READ, { id, v: 1 })).data.procedure.old;

    const v2Schema = form({ cartOnly: { type: 'boolean', title: 'Cart instead of van?' } });
    const v2 = await gql(PUBLISH, { id, schema: v2Schema }, { token: await tokenFor('admin@demo.gov') });
    expect(v2.data.publishApplicationForm.applicationForm.version).toBe(2);

    const after = (await gql(READ, { id, v: 1 })).data.procedure;
    expect(after.applicationForm).toEqual({ version: 2, schema: v2Schema });
    expect(after.old).toEqual(v1Read);
    expect(after.old.schema).toEqual(form());
    expect(after.applicationFormVersions).toEqual([{ version: 2 }, { version: 1 }]);
    expect((await gql(READ, { id, v: 3 })).data.procedure.old).toBeNull();

    // Without the ONLINE channel it is not applicable online, even with a form.
    await gql(UPDATE, { id, input: { channels: ['MAIL'] } }, { token: officer });
    expect((await gql(READ, { id })).data.procedure.onlineApplication).toBe(false);
  });
});
