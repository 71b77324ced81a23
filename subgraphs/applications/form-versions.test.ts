import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createProcedure } from '../procedures/test-support';
import { gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { act, submit } from './test-support';

const PUBLISH = `mutation($id: ID!, $schema: JSON!) { publishApplicationForm(procedureId: $id, schema: $schema) { applicationForm { version } userErrors { code } } }`;
const formV = (required: string[]) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { name: { type: 'string', minLength: 1 }, plotNumber: { type: 'string', minLength: 1 } },
  required,
  additionalProperties: false,
});

describe('application form versions', () => {
  it('checks a supplement against the form version the application was first checked against', async () => {
    // A procedure of our own, so publishing a new form version disturbs no other test.
    const officer = await tokenFor('officer.biz@demo.gov');
    const code = `BIZ-APPV-${Date.now().toString(36).toUpperCase()}`;
    const procedureId = await createProcedure(officer, {
      department: 'BIZ', code, title: 'Allotment garden lease', summary: 'Lease a garden plot.', category: 'Business', channels: ['ONLINE'],
    });
    expect((await gql(PUBLISH, { id: procedureId, schema: formV(['name']) }, { token: officer })).data.publishApplicationForm.applicationForm.version).toBe(1);

    const citizen = await newCitizen('versions');
    const { application, userErrors } = await submit(citizen.token, { procedureId, formData: { name: 'Kim' } });
    expect(userErrors).toEqual([]);
    await act(officer, application.id, 'REQUEST_SUPPLEMENT', 1, 'Spell your name in full.');

    // The form changes meanwhile: version 2 also requires a plot number.
    expect((await gql(PUBLISH, { id: procedureId, schema: formV(['name', 'plotNumber']) }, { token: officer })).data.publishApplicationForm.applicationForm.version).toBe(2);
    const fresh = await submit(citizen.token, { procedureId, formData: { name: 'Kim' }, idempotencyKey: randomUUID() });
    expect(fresh.userErrors).toEqual([{ field: 'formData.plotNumber', code: 'REQUIRED', message: expect.any(String) }]);

    // The supplement is still checked against version 1.
    const r = await gql(
      operation('web/SupplementApplication'),
      { input: { id: application.id, formData: { name: 'Kim Park' }, expectedVersion: 2 } },
      { token: citizen.token },
    );
    expect(r.data.supplementApplication).toEqual({ application: { id: application.id, status: 'SUBMITTED', version: 3 }, userErrors: [] });
    const detail = await gql(`query($id: ID!) { application(id: $id) { formVersion formData } }`, { id: application.id }, { token: citizen.token });
    expect(detail.data.application).toEqual({ formVersion: 1, formData: { name: 'Kim Park' } });
  });
});
