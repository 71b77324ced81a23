import { listRoutes } from '../db/transport.repository';
import type { RouteRow } from '../db/tables';
import type { TransportContext } from '../loaders';

export const Query = {
  transportRoutes: (_: unknown, args: { mode?: RouteRow['mode'] | null }, ctx: TransportContext) => listRoutes(ctx.db, args.mode),
  transportRoute: (_: unknown, args: { code: string }, ctx: TransportContext) => ctx.loaders.routeByCode.load(args.code),
};
