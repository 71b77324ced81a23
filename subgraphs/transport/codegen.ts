import type { ResolverTypesConfig } from '../kit/resolver-types';

/** What transport's resolvers receive: rows, and the id of a department identity owns. */
export const resolverTypes: ResolverTypesConfig = {
  context: './loaders#TransportContext',
  mappers: {
    TransportRoute: './db/tables#RouteRow',
    ServiceNotice: './db/tables#NoticeRow',
    Department: '{ id: string }',
  },
};
