import { describe, expect, it } from 'vitest';
import { demoId, departmentId } from '../kit/demo';
import { codes, eventually, gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { createDraft, createPublished, editorOf, listAll, publish, uniqueTopic } from './test-helpers';

/** Who may write and read what, and what a change leaves behind. */
const BY_ID = `query($id: ID) { publication(id: $id) { id status title slug history { fields note changedBy { id } } attachments { fileName url } } }`;
const BY_SLUG = `query($slug: String) { publication(slug: $slug) { id } }`;
const UPDATE = `mutation($input: UpdatePublicationInput!) {
  updatePublication(input: $input) { publication { id slug title status history { fields note } } userErrors { field code message } }
}`;
const ARCHIVE = `mutation($id: ID!) { archivePublication(id: $id) { publication { id status } userErrors { field code } } }`;
const create = (input: Record<string, unknown>, token?: string) =>
  gql(operation('officer/CreatePublication'), { input: { kind: 'NEWS', title: 'T', ...input } }, { token });

describe('publishing rights', () => {
  it('refuses anonymous callers, citizens and editors of another department', async () => {
    const input = { departmentId: departmentId('TAX'), title: 'Not allowed' };
    expect(codes(await create(input))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await create(input, (await newCitizen('pub')).token))).toEqual(['FORBIDDEN']);
    expect(codes(await create(input, await tokenFor('officer.tax@demo.gov')))).toEqual(['FORBIDDEN']);
    expect(codes(await create(input, await tokenFor('analyst@demo.gov')))).toEqual(['FORBIDDEN']);
    expect(codes(await create(input, await editorOf('BIZ')))).toEqual(['FORBIDDEN']);

    const draft = await createDraft('TAX', { title: 'Tax draft others may not touch' });
    const citizen = (await newCitizen('pub')).token;
    const publishAs = (token?: string) => gql(operation('officer/PublishPublication'), { id: draft.id }, { token });
    expect(codes(await publishAs())).toEqual(['UNAUTHENTICATED']);
    expect(codes(await publishAs(citizen))).toEqual(['FORBIDDEN']);
    // Another department's draft is not there for an editor, like an id that does not exist (draft-privacy.test.ts).
    expect(codes(await publishAs(await editorOf('BIZ')))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(UPDATE, { input: { id: draft.id, title: 'Hijacked' } }, { token: await editorOf('BIZ') }))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(ARCHIVE, { id: draft.id }, { token: await editorOf('BIZ') }))).toEqual(['NOT_FOUND']);
    // Still an untouched draft.
    const own = await gql(BY_ID, { id: draft.id }, { token: await editorOf('TAX') });
    expect(own.data.publication).toMatchObject({ status: 'DRAFT', title: 'Tax draft others may not touch' });

    // An admin publishes for any department.
    const r = await gql(operation('officer/PublishPublication'), { id: draft.id }, { token: await tokenFor('admin@demo.gov') });
    expect(r.data.publishPublication.publication.status).toBe('PUBLISHED');
  });

  it('answers invalid input with userErrors and stores nothing', async () => {
    const admin = await tokenFor('admin@demo.gov');
    const title = `Valid later ${Date.now()}`;
    const bad = await create({ departmentId: departmentId('TAX'), title: '   ', topics: ['ok', ''], attachmentIds: ['nope'] }, await editorOf('TAX'));
    expect(bad.data.createPublication.publication).toBeNull();
    expect(bad.data.createPublication.userErrors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['input.title', 'INVALID_TITLE'],
      ['input.topics.1', 'INVALID_TOPIC'],
      ['input.attachmentIds.0', 'UNKNOWN_FILE'],
    ]);
    const unknownDept = await create({ departmentId: '00000000-0000-4000-8000-000000000000', title }, admin);
    expect(unknownDept.data.createPublication.userErrors).toEqual([
      { field: 'input.departmentId', code: 'UNKNOWN_DEPARTMENT', message: expect.any(String) },
    ]);
    expect((await create({ departmentId: 'not-an-id', title }, admin)).data.createPublication.userErrors[0].field).toBe('input.departmentId');
    // A kind outside the enum never reaches the resolver: the graph rejects the variables.
    expect(codes(await create({ departmentId: departmentId('TAX'), title, kind: 'GOSSIP' }, admin))).toEqual(['BAD_USER_INPUT']);
    // Nothing was stored: the title's slug is still free.
    const ok = await createDraft('TAX', { title });
    expect(ok.slug).toBe(title.toLowerCase().replace(/ /g, '-'));

    const empty = await gql(UPDATE, { input: { id: ok.id, title: '' } }, { token: await editorOf('TAX') });
    expect(empty.data.updatePublication.userErrors[0]).toMatchObject({ field: 'input.title', code: 'INVALID_TITLE' });
  });
});

describe('visibility', () => {
  it('shows drafts by id only to the department staff, analysts and admins', async () => {
    const draft = await createDraft('HOUSING', { title: `Private draft ${Date.now()}` });
    const seen = async (token?: string) => (await gql(BY_ID, { id: draft.id }, { token })).data.publication?.id ?? null;
    expect(await seen()).toBeNull();
    expect(await seen((await newCitizen('peek')).token)).toBeNull();
    expect(await seen(await editorOf('TAX'))).toBeNull();
    expect(await seen(await editorOf('HOUSING'))).toBe(draft.id);
    expect(await seen(await tokenFor('officer.housing@demo.gov'))).toBe(draft.id);
    expect(await seen(await tokenFor('analyst@demo.gov'))).toBe(draft.id);
    expect(await seen(await tokenFor('admin@demo.gov'))).toBe(draft.id);
    expect((await gql(BY_SLUG, { slug: draft.slug })).data.publication).toBeNull();
    expect(codes(await gql(BY_ID, { id: 'not-a-uuid' }))).toEqual([]);
  });

  it('counts a published item at once, though counts are remembered for a second', async () => {
    const topic = uniqueTopic('counted');
    const count = async () => (await gql(`query($t: String) { publications(filter: { topic: $t }, first: 1) { totalCount } }`, { t: topic })).data.publications.totalCount;
    const draft = await createDraft('TRANSPORT', { title: 'Counted at once', topics: [topic] });
    expect(await count()).toBe(0);
    await publish('TRANSPORT', draft.id);
    expect(await count()).toBe(1);
  });

  it('counts a scheduled item from its time on, though counts are remembered for seconds', async () => {
    // Signed in, so the gateway's response cache is out of the way and the subgraph's memory is tested.
    const citizen = await tokenFor('citizen@demo.gov');
    const topic = uniqueTopic('due');
    const count = async () =>
      (await gql(`query($t: String) { publications(filter: { topic: $t }, first: 1) { totalCount } }`, { t: topic }, { token: citizen })).data
        .publications.totalCount;
    const draft = await createDraft('TRANSPORT', { title: 'Counted when due', topics: [topic] });
    // Seconds ahead: the publish and the count before `at` must both fit in the lead on a slow, busy machine.
    const at = new Date(Date.now() + 5000);
    await publish('TRANSPORT', draft.id, at);
    expect(await count()).toBe(0);
    await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now()) + 200));
    expect(await count()).toBe(1);
  });

  it('a scheduled item is absent before its time and present after it, with nobody acting', async () => {
    const topic = uniqueTopic('scheduled');
    const word = `sched${Math.random().toString(36).slice(2, 9)}`;
    const draft = await createDraft('TRANSPORT', { title: `Scheduled ${word}`, topics: [topic] });
    // Seconds ahead: the publish (else published at once) and the first `visible()` must fit in the lead on a slow machine.
    const at = new Date(Date.now() + 6000);
    const scheduled = await publish('TRANSPORT', draft.id, at);
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', publishedAt: at.toISOString() });

    const visible = async () => {
      const [list, bySlug, search] = await Promise.all([
        listAll({ topic }),
        gql(BY_SLUG, { slug: draft.slug }),
        gql(`query($t: String!) { searchPublications(text: $t) { totalCount edges { node { id status } } } }`, { t: word }),
      ]);
      return { list: list.length, slug: bySlug.data.publication !== null, search: search.data.searchPublications.totalCount };
    };
    expect(await visible()).toEqual({ list: 0, slug: false, search: 0 });
    await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now()) + 300));
    // Anonymous answers may come from the gateway's cache, at most 2 s old (gateway/response-cache.ts);
    // 5 s leaves a slow machine room for the three reads on top of that.
    await eventually(async () => expect(await visible()).toEqual({ list: 1, slug: true, search: 1 }), 5000);
    const now = await gql(BY_ID, { id: draft.id });
    expect(now.data.publication.status).toBe('PUBLISHED');
  });
});

describe('changes', () => {
  it('keeps the slug, records a change note for a published item, and archives it out of sight', async () => {
    const editor = await editorOf('CIVIL');
    const file = demoId('file', 'publication-cycling-strategy');
    const draft = await createDraft('CIVIL', { title: `Change test ${Date.now()}` });
    // Editing a draft leaves no history.
    const d = await gql(UPDATE, { input: { id: draft.id, summary: 'Draft summary' } }, { token: editor });
    expect(d.data.updatePublication.publication.history).toEqual([]);
    await publish('CIVIL', draft.id);
    const again = await gql(operation('officer/PublishPublication'), { id: draft.id }, { token: editor });
    expect(again.data.publishPublication.userErrors[0].code).toBe('INVALID_TRANSITION');

    const u = await gql(
      UPDATE,
      { input: { id: draft.id, title: 'Corrected title', attachmentIds: [file], changeNote: 'Fixed the date in the title.' } },
      { token: editor },
    );
    expect(u.data.updatePublication.userErrors).toEqual([]);
    expect(u.data.updatePublication.publication).toMatchObject({ slug: draft.slug, title: 'Corrected title', status: 'PUBLISHED' });
    await gql(UPDATE, { input: { id: draft.id, body: 'New body.' } }, { token: editor });
    const read = await gql(BY_ID, { id: draft.id });
    expect(read.data.publication.history).toEqual([
      { fields: ['title', 'attachments'], note: 'Fixed the date in the title.', changedBy: { id: expect.any(String) } },
      { fields: ['body'], note: 'Updated body.', changedBy: { id: expect.any(String) } },
    ]);
    expect(read.data.publication.attachments).toEqual([{ fileName: 'cycling-strategy-2030.pdf', url: `/files/${file}` }]);

    const a = await gql(ARCHIVE, { id: draft.id }, { token: editor });
    expect(a.data.archivePublication.publication.status).toBe('ARCHIVED');
    expect((await gql(BY_SLUG, { slug: draft.slug })).data.publication).toBeNull();
    expect((await gql(BY_ID, { id: draft.id }, { token: editor })).data.publication.status).toBe('ARCHIVED');
    const republish = await gql(operation('officer/PublishPublication'), { id: draft.id }, { token: editor });
    expect(republish.data.publishPublication.userErrors[0].code).toBe('INVALID_TRANSITION');
  });
});

describe('paging', () => {
  it('visits every published item exactly once, also while new items are being published', async () => {
    const before = await listAll(null, 100);
    const ids = before.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);

    let n = 0;
    const walked = await listAll(null, 7, async () => {
      if (n++ < 4) await createPublished('BIZ', { title: `Published while paging ${n}`, topics: [uniqueTopic('paging')] });
    });
    const walkedIds = walked.map((p) => p.id);
    expect(new Set(walkedIds).size).toBe(walkedIds.length);
    // Every item that was public at the start is still reached, unless it left meanwhile: other
    // files unpublish, archive or republish (a new publishedAt) their own items as this walks.
    // Signed in, so the answers are the subgraph's, not the gateway's cache of them.
    const reader = (await newCitizen('paging')).token;
    const missed: string[] = [];
    for (const p of before) {
      if (walkedIds.includes(p.id)) continue;
      const now = await gql(`query($id: ID) { publication(id: $id) { id publishedAt } }`, { id: p.id }, { token: reader });
      expect(now.errors).toBeUndefined();
      if (now.data.publication?.publishedAt === p.publishedAt) missed.push(p.id);
    }
    expect(missed).toEqual([]);
    // Newest first, strictly.
    const keys = walked.map((p) => `${p.publishedAt}|${p.id}`);
    expect([...keys].sort().reverse()).toEqual(keys);
  });

  it('rejects a forged cursor as bad input', async () => {
    const r = await gql(`{ publications(after: "bm9wZQ") { totalCount } }`);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    const r2 = await gql(`query($a: String) { publications(after: $a) { totalCount } }`, {
      a: Buffer.from(JSON.stringify(['yesterday', "1' or 1=1"])).toString('base64url'),
    });
    expect(codes(r2)).toEqual(['BAD_USER_INPUT']);
  });
});
