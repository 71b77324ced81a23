import { describe, expect, it } from 'vitest';
import { codes, gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { dept, reply, submitOk } from './test-helpers';

const item = 'query($id: ID!) { feedback(id: $id) { id body submitter { displayName } } }';

describe('private feedback', () => {
  // TAX and HOUSING feedback: the department dashboard's test counts BIZ's in its period.
  it('is read by the addressed department’s officers, never by its editors', async () => {
    const citizen = await newCitizen('fb-private');
    const complaint = await submitOk(citizen.token, { kind: 'COMPLAINT', departmentId: dept('TAX'), subject: 'Rude at the counter', body: 'The clerk at counter 3 shouted at me on Monday.' });
    const asOfficer = await gql(item, { id: complaint.id }, { token: await tokenFor('officer.tax@demo.gov') });
    expect(asOfficer.data.feedback.body).toBe('The clerk at counter 3 shouted at me on Monday.');
    const asEditor = await gql(item, { id: complaint.id }, { token: await tokenFor('editor.tax@demo.gov') });
    expect(asEditor.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(asEditor.errors?.[0].message).toBe((await gql(item, { id: '00000000-0000-4000-8000-000000000000' }, { token: await tokenFor('editor.tax@demo.gov') })).errors?.[0].message);
  });

  it('shows the officer the citizen’s text in the queue they work from', async () => {
    const citizen = await newCitizen('fb-queue');
    const sent = await submitOk(citizen.token, { kind: 'COMPLAINT', departmentId: dept('HOUSING'), subject: `Noise ${Date.now()}`, body: 'Building work starts at 5 in the morning next door.' });
    const officer = await tokenFor('officer.housing@demo.gov');
    let found: any = null;
    let after: string | undefined;
    for (let i = 0; i < 20 && !found; i++) {
      const page = (await gql(operation('officer/FeedbackCases'), { first: 100, after, filter: { kinds: ['COMPLAINT'] } }, { token: officer })).data.feedbackQueue;
      found = page.edges.find((e: any) => e.node.id === sent.id)?.node ?? null;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(found).toMatchObject({ body: 'Building work starts at 5 in the morning next door.', submitter: { displayName: 'Test fb-queue' } });
    const editor = await gql(operation('officer/FeedbackCases'), { first: 5 }, { token: await tokenFor('editor.housing@demo.gov') });
    expect(editor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('publishing a citizen’s feedback', () => {
  const consent = (token: string, feedbackId: string, value: boolean) =>
    gql(operation('web/SetFeedbackPublicationConsent'), { feedbackId, consent: value }, { token });
  const anonymous = (id: string) => gql('query($id: ID!) { feedback(id: $id) { subject body submitter { id } replies { body } } }', { id });

  it('needs the sender’s consent, and the public version hides who sent it and their personal data', async () => {
    const citizen = await newCitizen('fb-consent');
    const text = 'My neighbour (call me on +49 30 1234 5678 or jo.doe@example.org) built a wall.';
    const sent = await submitOk(citizen.token, { kind: 'INQUIRY', departmentId: dept('HOUSING'), subject: 'Wall permit for ID 123456789?', body: text, publicationConsent: false });
    const refused = await reply('officer.housing@demo.gov', sent.id, 'A wall over 2 m needs a permit; write to 030 9876543.', true);
    expect(refused.data.replyToFeedback.userErrors.map((e: any) => [e.field, e.code])).toEqual([['input.makePublic', 'NO_CONSENT']]);
    expect(codes(await anonymous(sent.id))).toEqual(['NOT_FOUND']);

    const agreed = await consent(citizen.token, sent.id, true);
    expect(agreed.data.setFeedbackPublicationConsent.feedback).toEqual({ id: sent.id, public: false, publicationConsent: true });
    const published = await reply('officer.housing@demo.gov', sent.id, 'A wall over 2 m needs a permit; write to 030 9876543.', true);
    expect(published.data.replyToFeedback.feedback.public).toBe(true);

    const seen = (await anonymous(sent.id)).data.feedback;
    expect(seen).toEqual({
      subject: 'Wall permit for ID [removed]?',
      body: 'My neighbour (call me on [removed] or [removed]) built a wall.',
      submitter: null,
      replies: [{ body: 'A wall over 2 m needs a permit; write to [removed].' }],
    });
    // The sender and the department read it as written.
    expect((await gql(item, { id: sent.id }, { token: citizen.token })).data.feedback.body).toBe(text);
    expect((await gql(item, { id: sent.id }, { token: await tokenFor('officer.housing@demo.gov') })).data.feedback.body).toBe(text);

    // Withdrawn: out of public view at once.
    const withdrawn = await consent(citizen.token, sent.id, false);
    expect(withdrawn.data.setFeedbackPublicationConsent.feedback).toEqual({ id: sent.id, public: false, publicationConsent: false });
    expect(codes(await anonymous(sent.id))).toEqual(['NOT_FOUND']);
    // Only the sender decides.
    expect(codes(await consent(await tokenFor('officer.housing@demo.gov'), sent.id, true))).toEqual(['FORBIDDEN']);
    expect(codes(await consent((await newCitizen('fb-other')).token, sent.id, true))).toEqual(['NOT_FOUND']);
  });
});
