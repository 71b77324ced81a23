import { randomUUID } from 'node:crypto';
import { gql, operation, tokenFor } from '../../test/graph';
import { departmentId } from '../kit/demo';

/** Helpers shared by this subgraph's tests (not a test file itself). */
export const dept = departmentId;

export interface Sent {
  id: string;
  trackingNumber: string;
  kind: string;
  status: string;
  subject: string;
  submittedAt: string;
  dueAt: string;
  department: { name: string };
}

/** Sends feedback; consenting to publication unless told otherwise, so tests that publish need not say so. */
export async function submit(token: string, input: Record<string, unknown>) {
  const r = await gql(operation('web/SubmitFeedback'), { input: { kind: 'INQUIRY', departmentId: dept('TAX'), subject: 'A question', body: 'What documents do I need to bring along?', idempotencyKey: randomUUID(), publicationConsent: true, ...input } }, { token });
  return r;
}

export async function submitOk(token: string, input: Record<string, unknown> = {}): Promise<Sent> {
  const r = await submit(token, input);
  if (!r.data?.submitFeedback?.feedback) throw new Error(`submit failed: ${JSON.stringify(r)}`);
  return r.data.submitFeedback.feedback;
}

export async function reply(officerEmail: string, feedbackId: string, body = 'Here is our answer.', makePublic = false) {
  return gql(operation('officer/ReplyToFeedback'), { input: { feedbackId, body, makePublic } }, { token: await tokenFor(officerEmail) });
}
