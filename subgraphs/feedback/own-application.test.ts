import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gql, newCitizen } from '../../test/graph';
import { licenceDocuments, submit as apply } from '../applications/test-support';
import { dept, submit } from './test-helpers';

/**
 * A citizen links feedback only to their own application: feedback asks the applications
 * subgraph as the sender (a read granted `asCaller`), so applications' own rule decides, and
 * someone else's application is refused exactly like an id that does not exist.
 */
describe('feedback about an application', () => {
  it('accepts the sender’s own application, refuses another’s like a missing one', async () => {
    const owner = await newCitizen('fb-app-owner');
    const other = await newCitizen('fb-app-other');
    const { application } = await apply(owner.token, { documents: await licenceDocuments(owner.token) });
    expect(application).toBeTruthy();

    const mine = await submit(owner.token, { kind: 'COMPLAINT', departmentId: dept('BIZ'), applicationId: application.id });
    expect(mine.errors).toBeUndefined();
    expect(mine.data.submitFeedback.userErrors).toEqual([]);
    const stored = await gql('query($id: ID!) { feedback(id: $id) { application { id } } }', { id: mine.data.submitFeedback.feedback.id }, { token: owner.token });
    expect(stored.data.feedback.application).toEqual({ id: application.id });

    const theirs = await submit(other.token, { kind: 'COMPLAINT', departmentId: dept('BIZ'), applicationId: application.id });
    const missing = await submit(other.token, { kind: 'COMPLAINT', departmentId: dept('BIZ'), applicationId: randomUUID() });
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data.submitFeedback).toEqual({ feedback: null, userErrors: [{ field: 'input.applicationId', code: 'APPLICATION_NOT_FOUND', message: expect.any(String) }] });
    // Word for word what an unknown id gets: nothing tells the two apart.
    expect(theirs.data.submitFeedback).toEqual(missing.data.submitFeedback);
  });
});
