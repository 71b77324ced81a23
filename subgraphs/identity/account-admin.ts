import { hasRole, ROLES, type Role } from '../../core/identity';
import { forbidden, notFound, requireRole, userError, type UserError } from '../kit/errors';
import { isUuid } from '../kit/ids';
import type { IdentityContext } from './loaders';
import type { UserRow } from './db/tables';
import { changeAccount, findUsersByIds } from './db/users.repository';
import type { PasswordHashing } from './password-hashing';
import { checkStaffRole, createStaff, needsDepartment } from './staff-accounts';

/**
 * What admins do to accounts through the graph. Each is one statement in a transaction that also
 * writes its audit entry (the kit's `ctx.audit`), and each change but creation raises the
 * account's session version, so its sessions end on every gateway within SESSION_CHECK_SECONDS.
 */
export interface AccountPayload {
  user: UserRow | null;
  userErrors: UserError[];
}

const refused = (...userErrors: UserError[]): AccountPayload => ({ user: null, userErrors });

export async function createStaffAccount(
  ctx: IdentityContext,
  hashing: PasswordHashing,
  input: { email: string; password: string; displayName: string; role: string; departmentId?: string | null },
): Promise<AccountPayload> {
  requireRole(ctx.identity, 'ADMIN');
  return ctx.db.transaction().execute(async (trx) => {
    const result = await createStaff(trx, hashing, { ...input, department: input.departmentId ? { id: input.departmentId } : null });
    if (result.user) await ctx.audit.record(trx, { target: result.user.id });
    return result;
  });
}

/** The account an admin acts on, never their own (an admin cannot lock themself out). */
async function target(ctx: IdentityContext, userId: string): Promise<UserRow> {
  requireRole(ctx.identity, 'ADMIN');
  ctx.audit.actingOn(userId);
  const [user] = isUuid(userId) ? await findUsersByIds(ctx.db, [userId]) : [];
  if (!user) throw notFound('Account');
  if (user.id === ctx.identity.userId) throw forbidden('Ask another admin to change your own account.');
  return user;
}

async function change(ctx: IdentityContext, user: UserRow, changes: Parameters<typeof changeAccount>[2]): Promise<AccountPayload> {
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const row = await changeAccount(trx, user.id, changes);
    await ctx.audit.record(trx, { target: user.id });
    return row;
  });
  if (!changed) throw notFound('Account');
  return { user: changed, userErrors: [] };
}

export async function changeStaffAccount(ctx: IdentityContext, input: { userId: string; role?: string | null; departmentId?: string | null }): Promise<AccountPayload> {
  const user = await target(ctx, input.userId);
  const role = (input.role ?? user.roles[0]) as Role;
  if (!ROLES.includes(role)) return refused(userError('input.role', 'INVALID_ROLE', `Give one of ${ROLES.join(', ')}.`, { roles: ROLES.join(', ') }));
  // A citizen belongs to no department; staff keep theirs unless given another.
  let departmentId: string | null = null;
  if (role !== 'CITIZEN') {
    const department = input.departmentId ? { id: input.departmentId } : user.department_id ? { id: user.department_id } : null;
    const checked = await checkStaffRole(ctx.db, role, department);
    if (checked.errors.length) return refused(...checked.errors);
    departmentId = needsDepartment(role) || input.departmentId ? checked.departmentId : user.department_id;
  }
  return change(ctx, user, { roles: [role], department_id: departmentId });
}

export async function setAccountActive(ctx: IdentityContext, userId: string, active: boolean): Promise<AccountPayload> {
  const user = await target(ctx, userId);
  return change(ctx, user, { active });
}

/** `User.active`: the person's own business and admins'. */
export const maySeeActive = (ctx: IdentityContext, user: UserRow) => ctx.identity.userId === user.id || hasRole(ctx.identity, 'ADMIN');
