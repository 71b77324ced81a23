import { login, register, type AuthResult } from '../accounts';
import { changeStaffAccount, createStaffAccount, setAccountActive } from '../account-admin';
import { changePassword, signOutEverywhere } from '../own-account';
import type { PasswordHashing } from '../password-hashing';
import type { SignInThrottle } from '../sign-in-throttle';
import type { TokenIssuer } from '../../../core/session-tokens';
import type { MutationResolvers } from '../generated/resolvers';
import type { IdentityContext } from '../loaders';

/** Whoever just signed up or in may see their own account in the same response. */
function asSelf(ctx: IdentityContext, result: AuthResult): AuthResult {
  if (result.user) ctx.signedIn = result.user.id;
  return result;
}

export const mutationResolvers = (tokens: TokenIssuer, guard: { hashing: PasswordHashing; throttle: SignInThrottle }): MutationResolvers => ({
  register: async (_, { input }, ctx) => asSelf(ctx, await register(ctx.db, tokens, guard.hashing, input, ctx.language)),

  login: async (_, args, ctx) => asSelf(ctx, await login(ctx.db, tokens, guard, ctx.identity, args.email, args.password)),

  createStaffAccount: (_, { input }, ctx) => createStaffAccount(ctx, guard.hashing, input),
  changeStaffAccount: (_, { input }, ctx) => changeStaffAccount(ctx, input),
  deactivateAccount: (_, { userId }, ctx) => setAccountActive(ctx, userId, false),
  reactivateAccount: (_, { userId }, ctx) => setAccountActive(ctx, userId, true),
  changePassword: (_, { input }, ctx) => changePassword(ctx, tokens, guard, input),
  signOutEverywhere: (_, __, ctx) => signOutEverywhere(ctx),
});
