import { hasRole } from '../../../core/identity';
import type { UserResolvers } from '../generated/resolvers';
import { maySeeActive } from '../account-admin';

export const User: UserResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.user.load(ref.id),
  displayName: (u) => u.display_name,
  active: (u, _, ctx) => (maySeeActive(ctx, u) || ctx.signedIn === u.id ? u.active : null),
  createdAt: (u) => u.created_at,
  department: (u, _, ctx) => (u.department_id ? ctx.loaders.department.load(u.department_id) : null),
  // Contact details are the person's own business and staff's, not the public's.
  email: (u, _, ctx) =>
    ctx.identity.userId === u.id || ctx.signedIn === u.id || hasRole(ctx.identity, 'OFFICER', 'EDITOR', 'ANALYST', 'ADMIN') ? u.email : null,
};
