import type { ChangeRow } from '../db/tables';

export const PublicationChange = {
  changedAt: (c: ChangeRow) => c.changed_at,
  changedBy: (c: ChangeRow) => (c.changed_by ? { __typename: 'User', id: c.changed_by } : null),
};
