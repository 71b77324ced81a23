import { randomUUID } from 'node:crypto';
import { DEMO_CATALOGUE } from '../kit/demo-catalogue';
import { gql, operation } from '../../test/graph';
import { sampleFormData } from './sample-form-data';

/** What the applications tests share: a demo procedure to apply for, and submitting to it. */
export const LICENCE = DEMO_CATALOGUE.find((p) => p.code === 'BIZ-LICENCE')!;
export const OFFLINE = DEMO_CATALOGUE.find((p) => p.code === 'BIZ-ALCOHOL-LICENCE')!;

export const validForm = (n = 1, email = 'someone@example.org') =>
  sampleFormData(LICENCE.applicationForm!, n, { fullName: 'Test Applicant', email });

export async function submit(token: string, input: Partial<{ procedureId: string; formData: unknown; idempotencyKey: string }> = {}) {
  const r = await gql(
    operation('web/SubmitApplication'),
    { input: { procedureId: LICENCE.id, formData: validForm(), idempotencyKey: randomUUID(), ...input } },
    { token },
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.submitApplication as { application: any; userErrors: { field: string; code: string; message: string }[] };
}

export async function act(token: string, id: string, action: string, expectedVersion: number, comment?: string) {
  const r = await gql(operation('officer/TransitionApplication'), { input: { id, action, expectedVersion, comment } }, { token });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.transitionApplication as { application: any; userErrors: { field: string; code: string }[] };
}
