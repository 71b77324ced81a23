import { randomUUID } from 'node:crypto';
import { DEMO_CATALOGUE } from '../kit/demo-catalogue';
import { gatewayUrl, gql, operation } from '../../test/graph';
import { sampleFormData } from './sample-form-data';

/** What the applications tests share: a demo procedure to apply for, and submitting to it. */
export const LICENCE = DEMO_CATALOGUE.find((p) => p.code === 'BIZ-LICENCE')!;
export const OFFLINE = DEMO_CATALOGUE.find((p) => p.code === 'BIZ-ALCOHOL-LICENCE')!;

export const validForm = (n = 1, email = 'someone@example.org') =>
  sampleFormData(LICENCE.applicationForm!, n, { fullName: 'Test Applicant', email });

export async function submit(
  token: string,
  input: Partial<{ procedureId: string; formData: unknown; idempotencyKey: string; documents: { fileId: string; requirement?: number | null }[] }> = {},
) {
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

/** The smallest files that pass the gateway's content checks. */
export const PDF = (text = 'scan') => Buffer.from(`%PDF-1.7\n% ${text} ${randomUUID()}\n%%EOF\n`);
export const PNG = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(randomUUID())]);

/** `POST /documents` as the portal sends it: the raw bytes, the name in the query. */
export async function upload(token: string | undefined, content: Buffer, type = 'application/pdf', name = 'scan.pdf') {
  const res = await fetch(new URL(`/documents?name=${encodeURIComponent(name)}`, gatewayUrl()), {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: new Uint8Array(content),
  });
  return { status: res.status, body: (await res.json()) as { id: string; fileName: string; error?: string } };
}

/** Uploads one PDF per mandatory document of the licence procedure: what a complete submission attaches. */
export async function licenceDocuments(token: string) {
  const out: { fileId: string; requirement: number }[] = [];
  for (const [i, doc] of LICENCE.documents.entries()) {
    if (!doc.mandatory) continue;
    const r = await upload(token, PDF(doc.name), 'application/pdf', `${doc.name}.pdf`);
    if (r.status !== 201) throw new Error(JSON.stringify(r));
    out.push({ fileId: r.body.id, requirement: i });
  }
  return out;
}

/** GET `/documents/<id>` with a sign-in token (or none). */
export const download = (id: string, token?: string) =>
  fetch(new URL(`/documents/${id}`, gatewayUrl()), { headers: token ? { authorization: `Bearer ${token}` } : {} });
