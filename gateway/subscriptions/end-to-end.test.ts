import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LICENCE, act, submit } from '../../subgraphs/applications/test-support';
import { departmentId } from '../../subgraphs/kit/demo';
import { gatewayUrl, gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { openStream } from '../../test/subscribers';

/**
 * The whole path on the test platform: a mutation commits, its subgraph's outbox relays the
 * event to the platform's bus, the platform's gateway reads it as each subscriber and sends it.
 */
describe('subscriptions fed by the subgraphs’ outboxes', () => {
  const origin = () => new URL(gatewayUrl()).origin;

  it('tells a citizen of their application’s submission and of the officer’s decision', async () => {
    const citizen = await newCitizen('live');
    const stream = await openStream(origin(), { query: 'subscription { myApplicationUpdated { id status } }' }, { authorization: `Bearer ${citizen.token}` });
    expect(stream.status).toBe(200);
    const { application } = await submit(citizen.token);
    const submitted = await stream.inbox.next();
    expect(submitted.data).toMatchObject({ data: { myApplicationUpdated: { id: application.id, status: application.status } } });
    expect(submitted.id).toMatch(/^applications:\d+$/);
    expect(submitted.data.extensions.eventId).toBe(submitted.id);
    const officer = await tokenFor(`officer.${LICENCE.departmentCode.toLowerCase()}@demo.gov`);
    expect((await act(officer, application.id, 'ACCEPT', application.version)).userErrors).toEqual([]);
    const decided = await stream.inbox.next();
    expect(decided.data.data.myApplicationUpdated).toEqual({ id: application.id, status: 'ACCEPTED' });
    stream.close();
  });

  it('tells anyone of a publication as the editor publishes it, and resumes after the last id', async () => {
    const editor = await tokenFor('editor.civil@demo.gov');
    const query = 'subscription($filter: PublicationFilter) { publicationPublished(filter: $filter) { id title } }';
    // A topic of this test's own: other files publish to CIVIL meanwhile.
    const topic = `live-${randomUUID().slice(0, 13)}`;
    const variables = { filter: { departmentId: departmentId('CIVIL'), topic } };
    const stream = await openStream(origin(), { query, variables });
    const publish = async (title: string) => {
      const created = await gql(operation('officer/CreatePublication'), { input: { departmentId: departmentId('CIVIL'), kind: 'NEWS', title, summary: 's', body: 'b', topics: [topic] } }, { token: editor });
      const id = created.data.createPublication.publication.id as string;
      const published = await gql(operation('officer/PublishPublication'), { id }, { token: editor });
      expect(published.data.publishPublication.userErrors).toEqual([]);
      return id;
    };
    const first = await publish(`Live ${Date.now()}`);
    const got = await stream.inbox.next();
    expect(got.data.data.publicationPublished.id).toBe(first);
    stream.close();
    // Away for two publications; back with the last id: both, in order, then live.
    const missed = [await publish('Missed one'), await publish('Missed two')];
    const back = await openStream(origin(), { query, variables }, { 'last-event-id': got.id! });
    const live = await publish('Live again');
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await back.inbox.next()).data.data.publicationPublished.id);
    expect(ids).toEqual([...missed, live]);

    // Unpublished and published again: it is news again, once more (and only then).
    const unpublished = await gql(operation('officer/UnpublishPublication'), { id: live }, { token: editor });
    expect(unpublished.data.unpublishPublication.userErrors).toEqual([]);
    const again = await gql(operation('officer/PublishPublication'), { id: live }, { token: editor });
    expect(again.data.publishPublication.userErrors).toEqual([]);
    const next = await back.inbox.next();
    expect(next.data.data.publicationPublished.id).toBe(live);
    back.close();
  });

  it('tells a citizen of the reply to their feedback, and nobody else', async () => {
    const [citizen, other] = await Promise.all([newCitizen('feedback-live'), newCitizen('feedback-other')]);
    const query = 'subscription { myFeedbackUpdated { id status replies { body } } }';
    const mine = await openStream(origin(), { query }, { authorization: `Bearer ${citizen.token}` });
    const theirs = await openStream(origin(), { query }, { authorization: `Bearer ${other.token}` });
    const sent = await gql(operation('web/SubmitFeedback'), { input: { kind: 'INQUIRY', departmentId: departmentId('CIVIL'), subject: 'Live reply?', body: 'Will I hear of the answer at once?' } }, { token: citizen.token });
    const feedback = sent.data.submitFeedback.feedback;
    expect((await mine.inbox.next()).data.data.myFeedbackUpdated).toMatchObject({ id: feedback.id, replies: [] });
    const officer = await tokenFor('officer.civil@demo.gov');
    const replied = await gql(operation('officer/ReplyToFeedback'), { input: { feedbackId: feedback.id, body: 'Yes: this one.' } }, { token: officer });
    expect(replied.data.replyToFeedback.userErrors).toEqual([]);
    // (Taking it up may come first as its own change.)
    let m = await mine.inbox.next();
    while (!m.data.data.myFeedbackUpdated.replies.length) m = await mine.inbox.next();
    expect(m.data.data.myFeedbackUpdated.replies).toEqual([{ body: 'Yes: this one.' }]);
    // The other citizen heard of none of it: their first message is their own feedback's.
    const own = await gql(operation('web/SubmitFeedback'), { input: { kind: 'SUGGESTION', departmentId: departmentId('CIVIL'), subject: 'Mine', body: 'My own suggestion.' } }, { token: other.token });
    expect((await theirs.inbox.next()).data.data.myFeedbackUpdated.id).toBe(own.data.submitFeedback.feedback.id);
    mine.close();
    theirs.close();
  });
});
