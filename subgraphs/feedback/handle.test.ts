import { describe, expect, it } from 'vitest';
import { codes, gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { dept, reply, submitOk } from './test-helpers';

const queue = async (email: string, variables: Record<string, unknown>) =>
  gql(operation('officer/FeedbackQueue'), variables, { token: await tokenFor(email) });

/** Every item of a queue, page by page (also proves the cursors chain). */
async function wholeQueue(email: string, filter: Record<string, unknown>) {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const r = await queue(email, { filter, first: 100, after });
    expect(r.errors).toBeUndefined();
    const c = r.data.feedbackQueue;
    nodes.push(...c.edges.map((e: { node: unknown }) => e.node));
    if (!c.pageInfo.hasNextPage) return { nodes, totalCount: c.totalCount };
    after = c.pageInfo.endCursor;
  }
}

const rate = (token: string, feedbackId: string, score: number) => gql(operation('web/RateFeedback'), { input: { feedbackId, score } }, { token });
const myFeedback = async (token: string) => (await gql(operation('web/MyFeedback'), { first: 50 }, { token })).data.me.feedback;

describe('handling feedback', () => {
  it('FeedbackQueue: the officer’s own department, earliest due first, with the sender; filters; nobody else’s', async () => {
    const citizen = await newCitizen('fb-queue');
    const item = await submitOk(citizen.token, { kind: 'SUGGESTION', subject: 'Queue me please' });
    const q = await wholeQueue('officer.tax@demo.gov', { kinds: ['SUGGESTION'], statuses: ['RECEIVED'] });
    const found = q.nodes.find((n) => n.id === item.id);
    expect(found).toMatchObject({ trackingNumber: item.trackingNumber, status: 'RECEIVED', overdue: false, submitter: { displayName: 'Test fb-queue' } });
    expect(q.totalCount).toBe(q.nodes.length);
    for (const n of q.nodes) expect(n).toMatchObject({ kind: 'SUGGESTION', status: 'RECEIVED' });
    const due = q.nodes.map((n) => n.dueAt);
    expect(due).toEqual([...due].sort());
    // Not in another department's queue, and an officer cannot ask for another department.
    const biz = await wholeQueue('officer.biz@demo.gov', { kinds: ['SUGGESTION'] });
    expect(biz.nodes.map((n) => n.id)).not.toContain(item.id);
    expect(codes(await queue('officer.biz@demo.gov', { filter: { departmentId: dept('TAX') }, first: 1 }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(operation('officer/FeedbackQueue'), { first: 1 }, { token: citizen.token }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(operation('officer/FeedbackQueue'), { first: 1 }))).toEqual(['UNAUTHENTICATED']);
    // Overdue filter: every item it returns is overdue (the demo data has some).
    const overdue = await wholeQueue('officer.tax@demo.gov', { overdue: true });
    expect(overdue.nodes.length).toBeGreaterThan(0);
    for (const n of overdue.nodes) expect(n.overdue).toBe(true);
  });

  it('ReplyToFeedback: officers of the addressed department answer; the first answer makes it ANSWERED', async () => {
    const citizen = await newCitizen('fb-reply');
    const item = await submitOk(citizen.token, { kind: 'COMPLAINT' });
    // Another department's officer: as if it did not exist.
    expect(codes(await reply('officer.biz@demo.gov', item.id))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(operation('officer/ReplyToFeedback'), { input: { feedbackId: item.id, body: 'x' } }, { token: citizen.token }))).toEqual(['FORBIDDEN']);
    const empty = await reply('officer.tax@demo.gov', item.id, '   ');
    expect(empty.data.replyToFeedback.userErrors[0]).toMatchObject({ field: 'input.body', code: 'INVALID_BODY' });

    const started = await gql('mutation($id: ID!) { startFeedback(id: $id) { feedback { status } userErrors { code } } }', { id: item.id }, { token: await tokenFor('officer.tax@demo.gov') });
    expect(started.data.startFeedback).toEqual({ feedback: { status: 'IN_PROGRESS' }, userErrors: [] });

    const r = await reply('officer.tax@demo.gov', item.id, 'We are sorry; your refund was sent today.');
    expect(r.errors).toBeUndefined();
    expect(r.data.replyToFeedback).toEqual({
      feedback: {
        id: item.id,
        status: 'ANSWERED',
        public: false,
        replies: [{ body: 'We are sorry; your refund was sent today.', at: expect.any(String), author: { displayName: 'Revenue and Taxation Bureau Officer' } }],
      },
      userErrors: [],
    });
    const again = await reply('officer.tax@demo.gov', item.id, 'And a follow-up.', true);
    expect(again.data.replyToFeedback.feedback).toMatchObject({ status: 'ANSWERED', public: true });
    expect(again.data.replyToFeedback.feedback.replies.map((x: { body: string }) => x.body)).toEqual(['We are sorry; your refund was sent today.', 'And a follow-up.']);
  });

  it('RateFeedback: only the sender, only once answered, 1 to 5; it closes the item; refusals change nothing', async () => {
    const citizen = await newCitizen('fb-rate');
    const other = await newCitizen('fb-rate-other');
    const item = await submitOk(citizen.token);

    const early = await rate(citizen.token, item.id, 4);
    expect(early.data.rateFeedback).toEqual({ feedback: null, userErrors: [{ field: null, code: 'INVALID_TRANSITION', message: expect.any(String) }] });
    await reply('officer.tax@demo.gov', item.id, 'Bring your ID card.');

    expect(codes(await rate(other.token, item.id, 5))).toEqual(['NOT_FOUND']);
    expect(codes(await rate((await tokenFor('officer.tax@demo.gov')), item.id, 5))).toEqual(['NOT_FOUND']);
    for (const score of [0, 6]) {
      const bad = await rate(citizen.token, item.id, score);
      expect(bad.data.rateFeedback.userErrors).toEqual([{ field: 'input.score', code: 'INVALID_SCORE', message: expect.any(String) }]);
    }
    const before = (await myFeedback(citizen.token)).edges[0].node;
    expect(before).toMatchObject({ id: item.id, status: 'ANSWERED', satisfaction: null });

    const ok = await rate(citizen.token, item.id, 4);
    expect(ok.data.rateFeedback).toEqual({ feedback: { id: item.id, status: 'CLOSED', satisfaction: 4 }, userErrors: [] });
    const twice = await rate(citizen.token, item.id, 1);
    expect(twice.data.rateFeedback.userErrors[0].code).toBe('INVALID_TRANSITION');
    expect((await myFeedback(citizen.token)).edges[0].node).toMatchObject({ status: 'CLOSED', satisfaction: 4 });
  });

  it('MyFeedback: what I sent, newest first, page by page, with the answers; nobody else’s list', async () => {
    const citizen = await newCitizen('fb-mine');
    const sent = [];
    for (let i = 0; i < 3; i++) sent.push(await submitOk(citizen.token, { subject: `Mine ${i}` }));
    await reply('officer.tax@demo.gov', sent[0].id, 'First answer.');
    const page1 = await gql(operation('web/MyFeedback'), { first: 2 }, { token: citizen.token });
    expect(page1.errors).toBeUndefined();
    const c1 = page1.data.me.feedback;
    expect(c1.totalCount).toBe(3);
    expect(c1.pageInfo.hasNextPage).toBe(true);
    expect(c1.edges.map((e: any) => e.node.subject)).toEqual(['Mine 2', 'Mine 1']);
    const c2 = (await gql(operation('web/MyFeedback'), { first: 2, after: c1.pageInfo.endCursor }, { token: citizen.token })).data.me.feedback;
    expect(c2.pageInfo.hasNextPage).toBe(false);
    expect(c2.edges.map((e: any) => e.node)).toEqual([
      { ...pick(sent[0]), status: 'ANSWERED', satisfaction: null, replies: [{ body: 'First answer.', at: expect.any(String) }] },
    ]);
    // Another signed-in person cannot list someone's feedback through the graph.
    const other = await newCitizen('fb-mine-other');
    const r = await gql('query($id: ID!) { feedback(id: $id) { id submitter { feedback { totalCount } } } }', { id: sent[0].id }, { token: other.token });
    expect(codes(r)).toEqual(['NOT_FOUND']);
    const analyst = await gql('query($id: ID!) { feedback(id: $id) { submitter { id feedback { totalCount } } } }', { id: sent[0].id }, { token: await tokenFor('analyst@demo.gov') });
    expect(analyst.data.feedback.submitter.feedback.totalCount).toBe(3);
    const officer = await gql('query($id: ID!) { feedback(id: $id) { submitter { id feedback { totalCount } } } }', { id: sent[0].id }, { token: await tokenFor('officer.tax@demo.gov') });
    // The officer may know who sent it, but not list everything that person ever sent.
    expect(codes(officer)).toEqual(['FORBIDDEN']);
    expect(officer.data.feedback.submitter).toBeNull();
  });
});

const pick = (s: { id: string; trackingNumber: string; kind: string; subject: string; submittedAt: string }) => ({
  id: s.id, trackingNumber: s.trackingNumber, kind: s.kind, subject: s.subject, submittedAt: s.submittedAt,
});
