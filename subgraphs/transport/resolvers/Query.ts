import { listRoutes } from '../db/transport.repository';
import type { QueryResolvers } from '../generated/resolvers';

export const Query: QueryResolvers = {
  transportRoutes: (_, args, ctx) => listRoutes(ctx.db, args.mode),
  transportRoute: (_, args, ctx) => ctx.loaders.routeByCode.load(args.code),
};
