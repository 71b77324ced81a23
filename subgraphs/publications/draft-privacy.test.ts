import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { departmentId } from '../kit/demo';
import { gql, operation, tokenFor } from '../../test/graph';

describe('another department’s drafts', () => {
  it('are NOT_FOUND to an editor, exactly like an id that does not exist', async () => {
    const draft = await gql(
      operation('officer/CreatePublication'),
      { input: { departmentId: departmentId('BIZ'), kind: 'NOTICE', title: `Private draft ${randomUUID()}`, summary: 's', body: 'b', topics: [] } },
      { token: await tokenFor('editor.biz@demo.gov') },
    );
    const id = draft.data.createPublication.publication.id;
    const other = await tokenFor('editor.tax@demo.gov');
    const theirs = await gql(operation('officer/PublishPublication'), { id }, { token: other });
    const missing = await gql(operation('officer/PublishPublication'), { id: randomUUID() }, { token: other });
    expect(theirs.errors?.map((e) => [e.extensions?.code, e.message])).toEqual(missing.errors?.map((e) => [e.extensions?.code, e.message]));
    expect(theirs.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Its own department's editor publishes it.
    const own = await gql(operation('officer/PublishPublication'), { id }, { token: await tokenFor('editor.biz@demo.gov') });
    expect(own.errors).toBeUndefined();
  });
});
