import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { demoFormFileId } from '../../subgraphs/kit/demo-catalogue';
import { gatewayUrl, gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { MAX_UPLOAD_BYTES } from './limits';

const fileUrl = (id: string) => new URL(`/files/${id}`, gatewayUrl());
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function upload(body: Buffer, type: string, name: string, token?: string) {
  return fetch(new URL(`/files?name=${encodeURIComponent(name)}`, gatewayUrl()), {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: new Uint8Array(body),
  });
}

describe('files through the gateway', () => {
  it('serves a procedure form byte-identical to what was stored, with its headers', async () => {
    const guide = await gql(operation('web/ProcedureGuide').replace(/\n\s*applicationStats \{[^}]*\}/, ''), { code: 'TAX-REFUND' });
    const form = guide.data.procedure.forms[0];
    expect(form.id).toBe(demoFormFileId('TAX-REFUND'));
    const res = await fetch(new URL(form.downloadUrl, gatewayUrl()));
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(form.sizeBytes);
    expect(sha256(bytes)).toBe(form.sha256);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // A real PDF: it parses, and says what it is.
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toContain('Income tax refund');
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe(String(form.sizeBytes));
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${form.fileName}"; filename*=UTF-8''${form.fileName}`);
    expect(res.headers.get('etag')).toBe(`"${form.sha256}"`);
    expect(res.headers.get('accept-ranges')).toBe('bytes');

    const again = await fetch(fileUrl(form.id), { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);

    const part = await fetch(fileUrl(form.id), { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${form.sizeBytes}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(100, 200));

    const tail = await fetch(fileUrl(form.id), { headers: { range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(-10));

    const beyond = await fetch(fileUrl(form.id), { headers: { range: `bytes=${form.sizeBytes}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${form.sizeBytes}`);

    const head = await fetch(fileUrl(form.id), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(form.sizeBytes));
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await fetch(fileUrl('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    expect((await fetch(fileUrl('not-an-id'))).status).toBe(404);
  });

  it('lets staff upload, and serves the upload back under a UTF-8 name', async () => {
    const content = Buffer.from(`name,amount\nÄnne,12.50\n${Date.now()}\n`);
    const res = await upload(content, 'text/csv', 'Gebühren 2026.csv', await tokenFor('editor.tax@demo.gov'));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ fileName: 'Gebühren 2026.csv', mimeType: 'text/csv', sizeBytes: content.length, sha256: sha256(content), url: `/files/${body.id}` });
    const got = await fetch(new URL(body.url, gatewayUrl()));
    expect(Buffer.from(await got.arrayBuffer())).toEqual(content);
    expect(got.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="Geb_hren 2026.csv"; filename*=UTF-8''Geb%C3%BChren%202026.csv`);
  });

  it('refuses anonymous and citizen uploads, unknown types and oversized files', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    expect((await upload(pdf, 'application/pdf', 'a.pdf')).status).toBe(401);
    expect((await upload(pdf, 'application/pdf', 'a.pdf', (await newCitizen('uploader')).token)).status).toBe(403);
    const officer = await tokenFor('officer.biz@demo.gov');
    expect((await upload(pdf, 'application/x-sh', 'a.sh', officer)).status).toBe(415);
    expect((await upload(pdf, 'application/pdf', '', officer)).status).toBe(400);
    const big = await upload(Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20), 'text/plain', 'big.txt', officer);
    expect(big.status).toBe(413);
  });
});
