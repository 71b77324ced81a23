import type { TokenIssuer } from '../../core/session-tokens';
import { requireRole, userError, type UserError } from '../kit/errors';
import { passwordErrors, signFor } from './accounts';
import { changeAccount, findUsersByIds } from './db/users.repository';
import type { IdentityContext } from './loaders';
import type { PasswordHashing } from './password-hashing';
import { tryAgainIn, type SignInThrottle } from './sign-in-throttle';

/**
 * What a signed-in person does to their own account. Both end every other session (the session
 * version rises), so a stolen token stops working within SESSION_CHECK_SECONDS.
 */
export interface ChangePasswordResult {
  token: string | null;
  userErrors: UserError[];
  retryAfterSeconds?: number | null;
}

export async function changePassword(
  ctx: IdentityContext,
  tokens: TokenIssuer,
  guard: { hashing: PasswordHashing; throttle: SignInThrottle },
  input: { currentPassword: string; newPassword: string },
): Promise<ChangePasswordResult> {
  const userId = requireRole(ctx.identity);
  const weak = passwordErrors('input.newPassword', input.newPassword);
  if (weak.length) return { token: null, userErrors: weak };
  const [user] = await findUsersByIds(ctx.db, [userId]);
  if (!user) return { token: null, userErrors: [userError(null, 'NO_ACCOUNT', 'This account no longer exists.')] };
  // The current password is checked like a sign-in: a stolen token cannot guess it freely.
  const permit = await guard.throttle.permit(user.email, ctx.identity.clientIp);
  if (!permit.ok) {
    const wait = permit.retryAfterSeconds;
    return { token: null, retryAfterSeconds: wait, userErrors: [userError('input.currentPassword', 'TOO_MANY_ATTEMPTS', `Too many wrong passwords. ${tryAgainIn(wait)}`, { seconds: wait })] };
  }
  let right: boolean;
  try {
    right = await guard.hashing.verify(user.password_hash, input.currentPassword.slice(0, 1024));
  } catch (err) {
    await permit.end('unchecked');
    throw err;
  }
  await permit.end(right ? 'right' : 'wrong');
  if (!right) return { token: null, userErrors: [userError('input.currentPassword', 'WRONG_PASSWORD', 'The current password is not right.')] };
  const passwordHash = await guard.hashing.hash(input.newPassword);
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const row = await changeAccount(trx, userId, { password_hash: passwordHash });
    await ctx.audit.record(trx, { target: userId });
    return row;
  });
  if (!changed) return { token: null, userErrors: [userError(null, 'NO_ACCOUNT', 'This account no longer exists.')] };
  return { token: await signFor(tokens, changed), userErrors: [] };
}

export async function signOutEverywhere(ctx: IdentityContext): Promise<boolean> {
  const userId = requireRole(ctx.identity);
  await ctx.db.transaction().execute(async (trx) => {
    await changeAccount(trx, userId, {});
    await ctx.audit.record(trx, { target: userId });
  });
  return true;
}
