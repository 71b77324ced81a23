import { describe, expect, it } from 'vitest';
import { departmentId } from '../kit/demo';
import { codes, gatewayUrl, gql, newCitizen, operation, tokenFor, type GraphResponse } from '../../test/graph';
import { createDraft, createPublished, editorOf, publish } from './test-helpers';

/**
 * Editorial work through the gateway: the editors' list (by status, paged), unpublish (back to a
 * draft) and archive (for good) with the address answering "withdrawn", supersede, the history of
 * every step, and attachments uploaded to the file store.
 */
const LIST = operation('officer/EditorialPublications');
const ONE = operation('officer/EditorialPublication');
const PAGE = operation('web/PublicationStanding');
const list = async (code: string, vars: Record<string, unknown>, token?: string) =>
  gql(LIST, { departmentId: departmentId(code), ...vars }, { token: token ?? (await editorOf(code)) });
const unpublish = async (id: string, changeNote?: string) =>
  (await gql(operation('officer/UnpublishPublication'), { id, changeNote }, { token: await editorOf('TAX') })).data.unpublishPublication;
const titles = (r: GraphResponse) =>
  r.data.editorialPublications.edges.map((e: { node: { title: string } }) => e.node.title) as string[];

describe('the editors’ list', () => {
  it('lists the department’s items of every status, by status, newest change first, page by page', async () => {
    const tag = Date.now().toString(36);
    const draft = await createDraft('TAX', { title: `List draft ${tag}` });
    const later = await createDraft('TAX', { title: `List scheduled ${tag}` });
    await publish('TAX', later.id, new Date(Date.now() + 86_400_000));
    const live = await createPublished('TAX', { title: `List published ${tag}` });

    // Page by page (other tests write to TAX meanwhile): never an item twice, ours in order of their last change.
    const seen: { id: string; title: string; status: string }[] = [];
    let after: string | null = null;
    do {
      const page = await list('TAX', { first: 7, after });
      expect(page.errors).toBeUndefined();
      seen.push(...page.data.editorialPublications.edges.map((e: { node: { id: string; title: string; status: string } }) => e.node));
      after = page.data.editorialPublications.pageInfo.hasNextPage ? page.data.editorialPublications.pageInfo.endCursor : null;
    } while (after && seen.length < 60);
    expect(new Set(seen.map((n) => n.id)).size).toBe(seen.length);
    expect(seen.filter((n) => n.title.endsWith(tag)).map(({ title, status }) => ({ title, status }))).toEqual([
      { title: `List published ${tag}`, status: 'PUBLISHED' },
      { title: `List scheduled ${tag}`, status: 'SCHEDULED' },
      { title: `List draft ${tag}`, status: 'DRAFT' },
    ]);

    const drafts = await list('TAX', { status: 'DRAFT', first: 100 });
    expect(titles(drafts)).toContain(draft.title);
    expect(titles(drafts)).not.toContain(live.title);
    expect(drafts.data.editorialPublications.totalCount).toBeGreaterThanOrEqual(1);
    expect(titles(await list('TAX', { status: 'SCHEDULED', first: 100 }))).toEqual(expect.arrayContaining([later.title]));
    expect(titles(await list('TAX', { status: 'PUBLISHED', first: 100 }))).toContain(live.title);
    expect(titles(await list('TAX', { status: 'PUBLISHED', first: 100 }))).not.toContain(later.title);

    // Staff of the department and admins only; drafts of TAX are nobody else's business.
    expect((await list('TAX', { first: 1 }, await tokenFor('officer.tax@demo.gov'))).errors).toBeUndefined();
    expect((await list('TAX', { first: 1 }, await tokenFor('admin@demo.gov'))).errors).toBeUndefined();
    expect(codes(await gql(LIST, { departmentId: departmentId('TAX') }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await list('TAX', {}, await editorOf('BIZ')))).toEqual(['FORBIDDEN']);
    expect(codes(await list('TAX', {}, (await newCitizen('ed')).token))).toEqual(['FORBIDDEN']);
    expect(codes(await list('TAX', {}, await tokenFor('analyst@demo.gov')))).toEqual(['FORBIDDEN']);
    expect(codes(await list('TAX', { after: 'bm90LWEtY3Vyc29y' }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('unpublish, archive and the public address', () => {
  it('takes a published item back to a draft; its address says withdrawn; republishing restores it', async () => {
    const live = await createPublished('TAX', { title: `Unpublish me ${Date.now()}` });
    const r = await unpublish(live.id, 'The date in it was wrong.');
    expect(r.userErrors).toEqual([]);
    expect(r.publication).toMatchObject({ status: 'DRAFT', withdrawnAt: expect.any(String) });

    const page = await gql(PAGE, { slug: live.slug });
    expect(page.errors).toBeUndefined();
    expect(page.data.publication).toBeNull();
    expect(page.data.withdrawnPublication).toEqual({ withdrawnAt: r.publication.withdrawnAt, supersededBy: null });
    // Still editable as a draft, then published again at the same address.
    const edit = await gql(operation('officer/UpdatePublication'), { input: { id: live.id, body: 'The right date.' } }, { token: await editorOf('TAX') });
    expect(edit.data.updatePublication.userErrors).toEqual([]);
    await publish('TAX', live.id);
    const back = await gql(PAGE, { slug: live.slug });
    expect(back.data.publication).toMatchObject({ id: live.id });
    expect((await gql(operation('web/PublicationPage'), { slug: live.slug })).data.publication).toMatchObject({ body: 'The right date.' });
    expect(back.data.withdrawnPublication).toBeNull();

    // A draft never published does not answer as withdrawn (it cannot be probed).
    const draft = await createDraft('TAX', { title: `Never public ${Date.now()}` });
    expect((await gql(PAGE, { slug: draft.slug })).data).toEqual({ publication: null, withdrawnPublication: null });
    expect((await unpublish(draft.id)).userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_TRANSITION']);
  });

  it('cancels a schedule; archives for good; both stay in the history with who and why', async () => {
    const item = await createDraft('TAX', { title: `Schedule then cancel ${Date.now()}` });
    await publish('TAX', item.id, new Date(Date.now() + 3_600_000));
    expect((await unpublish(item.id)).publication).toMatchObject({ status: 'DRAFT', withdrawnAt: null });
    await publish('TAX', item.id);
    const archived = await gql(operation('officer/ArchivePublication'), { id: item.id, changeNote: 'Out of date.' }, { token: await editorOf('TAX') });
    expect(archived.data.archivePublication.publication).toMatchObject({ status: 'ARCHIVED', withdrawnAt: expect.any(String) });
    expect((await unpublish(item.id)).userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_TRANSITION']);

    const one = await gql(ONE, { id: item.id }, { token: await editorOf('TAX') });
    expect(one.errors).toBeUndefined();
    const editor = await gql(`query { me { id } }`, {}, { token: await editorOf('TAX') });
    expect(one.data.publication.editorialHistory.map((c: { action: string; note: string; changedBy: { id: string } }) => [c.action, c.note, c.changedBy.id])).toEqual([
      ['CREATED', 'Drafted.', editor.data.me.id],
      ['SCHEDULED', expect.stringMatching(/^Scheduled for /), editor.data.me.id],
      ['UNPUBLISHED', 'Schedule cancelled.', editor.data.me.id],
      ['PUBLISHED', 'Published.', editor.data.me.id],
      ['ARCHIVED', 'Out of date.', editor.data.me.id],
    ]);
    // The whole history is the department's staff's: other editors and analysts are refused it.
    expect(codes(await gql(ONE, { id: item.id }, { token: await tokenFor('analyst@demo.gov') }))).toEqual(['FORBIDDEN']);
    const note = 'x'.repeat(501);
    const other = await createPublished('TAX', { title: `Long note ${Date.now()}` });
    expect((await unpublish(other.id, note)).userErrors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([['changeNote', 'TOO_LONG']]);
  });
});

describe('supersede', () => {
  it('points readers of the old item to its successor, refusing drafts, loops and other departments', async () => {
    const old = await createPublished('TAX', { title: `Old rates ${Date.now()}` });
    const draft = await createDraft('TAX', { title: `New rates draft ${Date.now()}` });
    const supersede = async (id: string, successorId: string, code = 'TAX') =>
      (await gql(operation('officer/SupersedePublication'), { id, successorId }, { token: await editorOf(code) })).data.supersedePublication;
    const errorCodes = (r: { userErrors: { code: string }[] }) => r.userErrors.map((e) => e.code);

    expect(errorCodes(await supersede(old.id, draft.id))).toEqual(['SUCCESSOR_NOT_PUBLISHED']);
    expect(errorCodes(await supersede(old.id, old.id))).toEqual(['UNKNOWN_PUBLICATION']);
    const bizItem = await createPublished('BIZ', { title: `Biz item ${Date.now()}` });
    expect(errorCodes(await supersede(old.id, bizItem.id))).toEqual(['UNKNOWN_PUBLICATION']);
    expect(errorCodes(await supersede(old.id, 'not-an-id'))).toEqual(['UNKNOWN_PUBLICATION']);

    await publish('TAX', draft.id);
    const done = await supersede(old.id, draft.id);
    expect(done.userErrors).toEqual([]);
    expect(done.publication.supersededBy).toMatchObject({ id: draft.id, slug: draft.slug });
    const page = await gql(PAGE, { slug: old.slug });
    expect(page.data.publication.supersededBy).toEqual({ slug: draft.slug, title: draft.title });
    expect(page.data.publication.history.map((h: { note: string }) => h.note)).toEqual([`Superseded by “${draft.title}”.`]);
    // The new one cannot be superseded by the old (a loop), nor the old twice.
    expect(errorCodes(await supersede(draft.id, old.id))).toEqual(['ALREADY_SUPERSEDED']);
    expect(errorCodes(await supersede(old.id, draft.id))).toEqual(['ALREADY_SUPERSEDED']);

    // Archived later, its address says withdrawn and still points to the successor.
    await gql(operation('officer/ArchivePublication'), { id: old.id }, { token: await editorOf('TAX') });
    expect((await gql(PAGE, { slug: old.slug })).data.withdrawnPublication.supersededBy).toEqual({ slug: draft.slug, title: draft.title });
  });
});

describe('attachments from the editor’s page', () => {
  it('attaches a file uploaded to the file store and shows it in the preview', async () => {
    const res = await fetch(new URL('/files?name=rates-2027.pdf', gatewayUrl()), {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', authorization: `Bearer ${await editorOf('TAX')}` },
      body: new TextEncoder().encode(`%PDF-1.4\n% ${Date.now()}\n%%EOF\n`),
    });
    expect(res.status).toBe(201);
    const { id: fileId } = (await res.json()) as { id: string };
    const draft = await createDraft('TAX', { title: `With annex ${Date.now()}` });
    const r = await gql(operation('officer/UpdatePublication'), { input: { id: draft.id, attachmentIds: [fileId] } }, { token: await editorOf('TAX') });
    expect(r.data.updatePublication.userErrors).toEqual([]);
    const preview = await gql(ONE, { id: draft.id }, { token: await editorOf('TAX') });
    expect(preview.data.publication.attachments).toEqual([
      { id: fileId, fileName: 'rates-2027.pdf', mimeType: 'application/pdf', sizeBytes: expect.any(Number), url: `/files/${fileId}` },
    ]);
    expect(preview.data.publication.editorialHistory.at(-1)).toMatchObject({ action: 'EDITED', fields: ['attachments'] });
  });
});
