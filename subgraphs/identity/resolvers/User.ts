import { hasRole } from '../../../core/identity';
import type { UserRow } from '../db/tables';
import type { IdentityContext } from '../loaders';

export const User = {
  __resolveReference: (ref: { id: string }, ctx: IdentityContext) => ctx.loaders.user.load(ref.id),
  displayName: (u: UserRow) => u.display_name,
  createdAt: (u: UserRow) => u.created_at,
  department: (u: UserRow, _: unknown, ctx: IdentityContext) => (u.department_id ? ctx.loaders.department.load(u.department_id) : null),
  // Contact details are the person's own business and staff's, not the public's.
  email: (u: UserRow, _: unknown, ctx: IdentityContext) =>
    ctx.identity.userId === u.id || ctx.signedIn === u.id || hasRole(ctx.identity, 'OFFICER', 'EDITOR', 'ANALYST', 'ADMIN') ? u.email : null,
};
