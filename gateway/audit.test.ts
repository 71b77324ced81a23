import { describe, expect, it } from 'vitest';
import { codes, gql, tokenFor } from '../test/graph';

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

  it('cannot be written through the public graph', async () => {
    const r = await gql(
      'mutation { recordAudit(entries: [{ actorId: "x", actorRoles: [], action: "forged", outcome: "OK", requestId: "r" }]) }',
      {},
      { token: await tokenFor('admin@demo.gov') },
    );
    expect(codes(r)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
