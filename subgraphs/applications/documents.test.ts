
import { describe, expect, it } from 'vitest';
import { gatewayUrl, gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { download, LICENCE, licenceDocuments, PDF, PNG, submit, upload, validForm } from './test-support';

const caseFile = (id: string, token: string) => gql(operation('officer/CaseFile'), { id }, { token });
const mandatory = LICENCE.documents.filter((d) => d.mandatory).map((d) => d.name);

describe('supporting documents', () => {
  it('takes PDF, JPEG and PNG uploads from signed-in people, checked by content', async () => {
    const citizen = await newCitizen('docs-upload');
    const ok = await upload(citizen.token, PNG(), 'image/png', 'photo.png');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ id: expect.any(String), fileName: 'photo.png' });
    expect((await upload(citizen.token, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]), 'image/jpeg', 'id.jpg')).status).toBe(201);
    expect((await upload(undefined, PDF())).status).toBe(401);
    // Not a PDF inside, whatever it claims; types other than scans and photos.
    expect((await upload(citizen.token, Buffer.from('MZ not a pdf'), 'application/pdf')).status).toBe(415);
    expect((await upload(citizen.token, Buffer.from('a,b\n'), 'text/csv', 'a.csv')).status).toBe(415);
    expect((await upload(citizen.token, Buffer.alloc(0), 'application/pdf')).status).toBe(400);
  });

  it('names every missing mandatory document as a userError, storing nothing', async () => {
    const citizen = await newCitizen('docs-missing');
    const [first] = await licenceDocuments(citizen.token);
    const r = await submit(citizen.token, { documents: [first] });
    expect(r.application).toBeNull();
    const missing = r.userErrors.filter((e) => e.code === 'DOCUMENT_MISSING');
    expect(missing).toHaveLength(mandatory.length - 1);
    for (const name of mandatory.slice(1)) expect(missing.some((e) => e.message.includes(name))).toBe(true);
    expect(missing[0].field).toBe('input.documents');
    // The file was not attached: a complete submission may still use it.
    const rest = (await licenceDocuments(citizen.token)).slice(1);
    const done = await submit(citizen.token, { documents: [first, ...rest] });
    expect(done.userErrors).toEqual([]);
  });

  it('keeps documents private: the applicant, the department’s officers and admins only', async () => {
    const citizen = await newCitizen('docs-private');
    const documents = await licenceDocuments(citizen.token);
    const { application, userErrors } = await submit(citizen.token, { documents });
    expect(userErrors).toEqual([]);

    const officer = await tokenFor('officer.biz@demo.gov');
    const file = await caseFile(application.id, officer);
    expect(file.errors).toBeUndefined();
    const docs = file.data.application.documents;
    expect(docs.map((d: any) => [d.requirement, d.requirementIndex, d.stage, d.mimeType])).toEqual(
      documents.map((d) => [LICENCE.documents[d.requirement].name, d.requirement, 'APPLICATION', 'application/pdf']),
    );
    const id = docs[0].id;
    expect(docs[0].downloadUrl).toBe(`/documents/${id}`);

    for (const token of [citizen.token, officer, await tokenFor('admin@demo.gov')]) {
      const res = await download(id, token);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    const other = await newCitizen('docs-other');
    for (const email of ['analyst@demo.gov', 'officer.tax@demo.gov', 'editor.biz@demo.gov']) {
      expect((await download(id, await tokenFor(email))).status).toBe(404);
    }
    expect((await download(id, other.token)).status).toBe(404);
    expect((await download(id)).status).toBe(401);
    // Holding the id is not enough anywhere: the public file route does not serve private files.
    expect((await fetch(new URL(`/files/${id}`, gatewayUrl()))).status).toBe(404);
    // Analysts read the application, not its documents.
    const analyst = await caseFile(application.id, await tokenFor('analyst@demo.gov'));
    expect(analyst.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['application.documents', 'FORBIDDEN']]);
    expect(analyst.data?.application?.answers.length).toBeGreaterThan(0);
    // The graph answers supportingDocument exactly as the download does.
    const q = 'query($id: ID!) { supportingDocument(id: $id) { id fileName } }';
    expect((await gql(q, { id }, { token: officer })).data.supportingDocument.id).toBe(id);
    expect((await gql(q, { id }, { token: await tokenFor('analyst@demo.gov') })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await gql(q, { id: 'nope' }, { token: citizen.token })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('hands out download links valid for minutes, for exactly one document', async () => {
    const citizen = await newCitizen('docs-link');
    const documents = await licenceDocuments(citizen.token);
    await submit(citizen.token, { documents });
    const linkFor = (id: string, token?: string) =>
      fetch(new URL(`/documents/${id}/link`, gatewayUrl()), { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
    const made = await linkFor(documents[0].fileId, citizen.token);
    expect(made.status).toBe(200);
    const { url, expiresAt } = (await made.json()) as { url: string; expiresAt: string };
    expect(new Date(expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    const opened = await fetch(new URL(url, gatewayUrl()));
    expect(opened.status).toBe(200);
    // The same signature for another document, or a forged one, opens nothing.
    const token = new URL(url, gatewayUrl()).searchParams.get('link')!;
    expect((await fetch(new URL(`/documents/${documents[1].fileId}?link=${token}`, gatewayUrl()))).status).toBe(403);
    expect((await fetch(new URL(`/documents/${documents[0].fileId}?link=${token.slice(0, -3)}abc`, gatewayUrl()))).status).toBe(403);
    // Only those who may read it get a link.
    expect((await linkFor(documents[0].fileId, await tokenFor('analyst@demo.gov'))).status).toBe(404);
    expect((await linkFor(documents[0].fileId)).status).toBe(401);
  });

  it('refuses someone else’s upload, one attached already, and an unknown requirement', async () => {
    const citizen = await newCitizen('docs-borrow');
    const other = await newCitizen('docs-owner');
    const theirs = await licenceDocuments(other.token);
    const mine = await licenceDocuments(citizen.token);
    const borrowed = await submit(citizen.token, { documents: [{ ...theirs[0] }, mine[1]] });
    expect(borrowed.userErrors.map((e) => [e.field, e.code])).toEqual([['input.documents.0.fileId', 'UNKNOWN_DOCUMENT']]);
    expect((await submit(citizen.token, { documents: mine })).userErrors).toEqual([]);
    const again = await submit(citizen.token, { documents: mine });
    expect(again.userErrors.map((e) => e.code)).toEqual(['DOCUMENT_ALREADY_ATTACHED', 'DOCUMENT_ALREADY_ATTACHED']);
    const fresh = await licenceDocuments(citizen.token);
    const wrong = await submit(citizen.token, { documents: [...fresh, { fileId: (await upload(citizen.token, PDF())).body.id, requirement: 99 }] });
    expect(wrong.userErrors.map((e) => [e.field, e.code])).toEqual([['input.documents.2.requirement', 'UNKNOWN_REQUIREMENT']]);
  });

  it('still accepts SubmitApplication as clients wrote it before attachments (no documents field)', async () => {
    const citizen = await newCitizen('docs-legacy');
    const r = await submit(citizen.token);
    expect(r.userErrors).toEqual([]);
    const file = await caseFile(r.application.id, await tokenFor('officer.biz@demo.gov'));
    expect(file.data.application.documents).toEqual([]);
  });

  it('takes further documents with a supplement', async () => {
    const citizen = await newCitizen('docs-supplement');
    const officer = await tokenFor('officer.biz@demo.gov');
    const { application } = await submit(citizen.token, { documents: await licenceDocuments(citizen.token) });
    const asked = await gql(
      operation('officer/TransitionApplication'),
      { input: { id: application.id, action: 'REQUEST_SUPPLEMENT', expectedVersion: 1, comment: 'Attach the company register extract.' } },
      { token: officer },
    );
    expect(asked.data.transitionApplication.userErrors).toEqual([]);
    const extract = await upload(citizen.token, PNG(), 'image/png', 'extract.png');
    const r = await gql(
      operation('web/SupplementApplication'),
      { input: { id: application.id, formData: validForm(), expectedVersion: 2, documents: [{ fileId: extract.body.id, requirement: 2 }] } },
      { token: citizen.token },
    );
    expect(r.data.supplementApplication.userErrors).toEqual([]);
    const file = await caseFile(application.id, officer);
    const last = file.data.application.documents.at(-1);
    expect(last).toMatchObject({ id: extract.body.id, stage: 'SUPPLEMENT', requirement: LICENCE.documents[2].name, mimeType: 'image/png' });
    expect((await download(extract.body.id, officer)).status).toBe(200);
  });
});

