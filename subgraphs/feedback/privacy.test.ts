import { describe, expect, it } from 'vitest';
import { gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { dept, submitOk } from './test-helpers';

const item = 'query($id: ID!) { feedback(id: $id) { id body submitter { displayName } } }';

describe('private feedback', () => {
  it('is read by the addressed department’s officers, never by its editors', async () => {
    const citizen = await newCitizen('fb-private');
    const complaint = await submitOk(citizen.token, { kind: 'COMPLAINT', departmentId: dept('BIZ'), subject: 'Rude at the counter', body: 'The clerk at counter 3 shouted at me on Monday.' });
    const asOfficer = await gql(item, { id: complaint.id }, { token: await tokenFor('officer.biz@demo.gov') });
    expect(asOfficer.data.feedback.body).toBe('The clerk at counter 3 shouted at me on Monday.');
    const asEditor = await gql(item, { id: complaint.id }, { token: await tokenFor('editor.biz@demo.gov') });
    expect(asEditor.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(asEditor.errors?.[0].message).toBe((await gql(item, { id: '00000000-0000-4000-8000-000000000000' }, { token: await tokenFor('editor.biz@demo.gov') })).errors?.[0].message);
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
