import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { departmentId } from '../subgraphs/kit/demo';
import { submit } from '../subgraphs/applications/test-support';
import { codes, gql, newCitizen, operation, tokenFor } from '../test/graph';

const AUDIT_LOG = `query($filter: AuditLogFilter, $first: Int) {
  auditLog(filter: $filter, first: $first) {
    totalCount
    edges { node { at action target outcome requestId actorRoles actor { displayName } } }
  }
}`;

describe('audit log', () => {
  it('is read by admins only', async () => {
    expect(codes(await gql(AUDIT_LOG))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await gql(AUDIT_LOG, {}, { token: await tokenFor('citizen@demo.gov') }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(AUDIT_LOG, {}, { token: await tokenFor('analyst@demo.gov') }))).toEqual(['FORBIDDEN']);
    const admin = await gql(AUDIT_LOG, {}, { token: await tokenFor('admin@demo.gov') });
    expect(admin.errors).toBeUndefined();
    expect(admin.data.auditLog.totalCount).toBeGreaterThanOrEqual(0);
  });

  it('records staff mutations with actor, action, target, outcome and request id', async () => {
    const editor = await tokenFor('editor.biz@demo.gov');
    const draft = await gql(
      operation('officer/CreatePublication'),
      { input: { departmentId: departmentId('BIZ'), kind: 'NEWS', title: `Audited ${randomUUID()}`, summary: 's', body: 'b', topics: [] } },
      { token: editor },
    );
    const id = draft.data.createPublication.publication.id;
    const requestId = `audit-${randomUUID()}`;
    await gql(operation('officer/PublishPublication'), { id }, { token: editor, headers: { 'x-request-id': requestId } });

    const citizen = await newCitizen('audited');
    const app = (await submit(citizen.token)).application;
    const refused = await gql(
      operation('officer/TransitionApplication'),
      { input: { id: app.id, action: 'APPROVE', expectedVersion: app.version } },
      { token: await tokenFor('officer.biz@demo.gov') },
    );
    expect(refused.data.transitionApplication.userErrors[0].code).toBe('INVALID_TRANSITION');

    const admin = await tokenFor('admin@demo.gov');
    const published = await gql(AUDIT_LOG, { filter: { action: 'publishPublication' }, first: 50 }, { token: admin });
    const entry = published.data.auditLog.edges.map((e: any) => e.node).find((n: any) => n.requestId === requestId);
    expect(entry).toMatchObject({ action: 'publishPublication', target: id, outcome: 'OK', actorRoles: ['EDITOR'], actor: { displayName: expect.stringContaining('Editor') } });
    const transitions = await gql(AUDIT_LOG, { filter: { action: 'transitionApplication' }, first: 50 }, { token: admin });
    expect(transitions.data.auditLog.edges.map((e: any) => e.node)).toContainEqual(
      expect.objectContaining({ target: app.id, outcome: 'USER_ERRORS', actorRoles: ['OFFICER'] }),
    );
    // The citizen's own submission is not a staff action.
    const byCitizen = await gql(AUDIT_LOG, { filter: { actorId: citizen.id }, first: 5 }, { token: admin });
    expect(byCitizen.data.auditLog.totalCount).toBe(0);
  });

  it('cannot be written through the public graph', async () => {
    const r = await gql(
      'mutation { recordAudit(entries: [{ actorId: "x", actorRoles: [], action: "forged", outcome: "OK", requestId: "r" }]) }',
      {},
      { token: await tokenFor('admin@demo.gov') },
    );
    expect(codes(r)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
