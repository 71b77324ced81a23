import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codes, costOf, gql, newCitizen, operation, tokenFor, type GraphResponse } from '../../test/graph';
import { dept, reply, submit, submitOk } from './test-helpers';

/** Every public item of a department and kinds, page by page. */
async function allPublic(departmentId: string, query = operation('web/PublicQuestions')) {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const r: GraphResponse = await gql(query, { departmentId, first: 100, after });
    expect(r.errors).toBeUndefined();
    const c: any = r.data.publicFeedback;
    nodes.push(...c.edges.map((e: { node: unknown }) => e.node));
    if (!c.pageInfo.hasNextPage) return { nodes, totalCount: c.totalCount };
    after = c.pageInfo.endCursor;
  }
}

describe('public feedback', () => {
  it('PublicQuestions: inquiries an officer made public, with answers; never unpublished ones, never the sender', async () => {
    const citizen = await newCitizen('fb-public');
    const published = await submitOk(citizen.token, { kind: 'INQUIRY', departmentId: dept('CIVIL'), subject: 'Published question' });
    const answeredPrivately = await submitOk(citizen.token, { kind: 'INQUIRY', departmentId: dept('CIVIL'), subject: 'Private question' });
    const waiting = await submitOk(citizen.token, { kind: 'INQUIRY', departmentId: dept('CIVIL'), subject: 'Unanswered question' });
    await reply('officer.civil@demo.gov', published.id, 'Bring your old passport.', true);
    await reply('officer.civil@demo.gov', answeredPrivately.id, 'A private answer.', false);

    const { nodes, totalCount } = await allPublic(dept('CIVIL'));
    expect(totalCount).toBe(nodes.length);
    const ids = nodes.map((n) => n.id);
    expect(nodes.find((n) => n.id === published.id)).toEqual({
      id: published.id,
      subject: 'Published question',
      body: 'What documents do I need to bring along?',
      submittedAt: published.submittedAt,
      replies: [{ body: 'Bring your old passport.', at: expect.any(String) }],
    });
    expect(ids).not.toContain(answeredPrivately.id);
    expect(ids).not.toContain(waiting.id);
    // Newest first.
    const times = nodes.map((n) => n.submittedAt);
    expect(times).toEqual([...times].sort().reverse());

    // The public never learns who sent anything, even when asking for it.
    const withSender = await gql('{ publicFeedback(first: 100) { edges { node { id submitter { id displayName } } } } }');
    expect(withSender.data.publicFeedback.edges.length).toBeGreaterThan(0);
    for (const e of withSender.data.publicFeedback.edges) expect(e.node.submitter).toBeNull();
    const other = await newCitizen('fb-public-other');
    const asOther = await gql('query($id: ID!) { feedback(id: $id) { id submitter { id } } }', { id: published.id }, { token: other.token });
    expect(asOther.data.feedback).toEqual({ id: published.id, submitter: null });
    // An officer of another department is the public here too.
    const asBiz = await gql('query($id: ID!) { feedback(id: $id) { submitter { id } } }', { id: published.id }, { token: await tokenFor('officer.biz@demo.gov') });
    expect(asBiz.data.feedback.submitter).toBeNull();
    // Unpublished: as if it did not exist.
    for (const token of [undefined, other.token, await tokenFor('officer.biz@demo.gov')]) {
      const r = await gql('query($id: ID!) { feedback(id: $id) { id } }', { id: answeredPrivately.id }, { token });
      expect(codes(r)).toEqual(['NOT_FOUND']);
    }
    const mine = await gql('query($id: ID!) { feedback(id: $id) { submitter { id } } }', { id: answeredPrivately.id }, { token: citizen.token });
    expect(mine.data.feedback.submitter.id).toBe(citizen.id);
  });

  it('PublicationPage: only public opinions on that publication, newest first, without the sender', async () => {
    const list = await gql('{ publications(filter: { kinds: [POLICY] }, first: 1) { edges { node { id slug department { id code } } } } }');
    const pub = list.data.publications.edges[0].node;
    const page = async () => gql(operation('web/PublicationPage'), { slug: pub.slug });
    const before = await page();
    expect(before.errors).toBeUndefined();

    const citizen = await newCitizen('fb-opinion');
    const officer = `officer.${pub.department.code.toLowerCase()}@demo.gov`;
    const on = { kind: 'OPINION', departmentId: pub.department.id, publicationId: pub.id };
    const a = await submitOk(citizen.token, { ...on, subject: 'Opinion A' });
    const b = await submitOk(citizen.token, { ...on, subject: 'Opinion B' });
    const hidden = await submitOk(citizen.token, { ...on, subject: 'Opinion never published' });
    const inquiry = await submitOk(citizen.token, { ...on, kind: 'INQUIRY', subject: 'A question on it' });
    for (const f of [a, b, inquiry]) await reply(officer, f.id, 'Thank you.', true);
    await reply(officer, hidden.id, 'Thank you.', false);

    const after = await page();
    expect(after.errors).toBeUndefined();
    const opinions = after.data.publication.opinions;
    expect(opinions.totalCount).toBe(before.data.publication.opinions.totalCount + 2);
    expect(opinions.edges.slice(0, 2).map((e: any) => e.node)).toEqual([
      { id: b.id, subject: 'Opinion B', body: expect.any(String), submittedAt: b.submittedAt },
      { id: a.id, subject: 'Opinion A', body: expect.any(String), submittedAt: a.submittedAt },
    ]);
    const ids = opinions.edges.map((e: any) => e.node.id);
    expect(ids).not.toContain(hidden.id);
    expect(ids).not.toContain(inquiry.id);
    // Asking for the sender gets nothing, even signed in as another citizen.
    const other = await newCitizen('fb-opinion-other');
    const withSender = await gql('query($s: String!) { publication(slug: $s) { opinions(first: 10) { edges { node { id submitter { id } } } } } }', { s: pub.slug }, { token: other.token });
    for (const e of withSender.data.publication.opinions.edges) expect(e.node.submitter).toBeNull();

    // An unknown publication is refused when sending.
    const unknown = await submit(citizen.token, { ...on, publicationId: randomUUID() });
    expect(unknown.data.submitFeedback.userErrors).toEqual([{ field: 'input.publicationId', code: 'PUBLICATION_NOT_FOUND', message: expect.any(String) }]);
  });

  it('demo data: the consultations of the publications demo carry public opinions', async () => {
    const r = await gql(operation('web/PublicationPage'), { slug: 'consultation-tax-deduction-for-home-office-costs' });
    expect(r.errors).toBeUndefined();
    expect(r.data.publication.opinions.totalCount).toBeGreaterThan(0);
  });

  it('costs the same SQL for a page of 100 as for a page of 1 (queue, public lists, my feedback with replies)', async () => {
    const admin = await tokenFor('admin@demo.gov');
    const q = async (first: number) => gql(operation('officer/FeedbackQueue'), { first }, { token: admin, traced: true });
    const [one, hundred] = [await q(1), await q(100)];
    expect(hundred.data.feedbackQueue.edges).toHaveLength(100);
    expect((await costOf(hundred)).feedback.sqlStatements).toBe((await costOf(one)).feedback.sqlStatements);

    const p = async (first: number) => gql(operation('web/PublicQuestions'), { first: first }, { traced: true });
    const [p1, pMany] = [await p(1), await p(100)];
    expect(pMany.data.publicFeedback.edges.length).toBeGreaterThan(10);
    expect((await costOf(pMany)).feedback.sqlStatements).toBe((await costOf(p1)).feedback.sqlStatements);

    // A citizen's list with every item's replies (the demo citizen has well over 50 items).
    const citizen = await tokenFor('citizen@demo.gov');
    const m = async (first: number) => gql(operation('web/MyFeedback'), { first }, { token: citizen, traced: true });
    const [m1, m50] = [await m(1), await m(50)];
    expect(m50.data.me.feedback.edges).toHaveLength(50);
    expect((await costOf(m50)).feedback.sqlStatements).toBe((await costOf(m1)).feedback.sqlStatements);
  });
});
