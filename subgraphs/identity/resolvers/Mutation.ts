import { login, register, type AuthResult } from '../accounts';
import type { TokenIssuer } from '../../../core/session-tokens';
import type { MutationResolvers } from '../generated/resolvers';
import type { IdentityContext } from '../loaders';

/** Whoever just signed up or in may see their own account in the same response. */
function asSelf(ctx: IdentityContext, result: AuthResult): AuthResult {
  if (result.user) ctx.signedIn = result.user.id;
  return result;
}

export const mutationResolvers = (tokens: TokenIssuer): MutationResolvers => ({
  register: async (_, { input }, ctx) => asSelf(ctx, await register(ctx.db, tokens, input)),

  login: async (_, args, ctx) => asSelf(ctx, await login(ctx.db, tokens, ctx.identity, args.email, args.password)),
});
