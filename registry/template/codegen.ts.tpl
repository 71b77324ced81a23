import type { ResolverTypesConfig } from '../kit/resolver-types';

/**
 * What __name__'s resolvers receive, for the types generated into generated/resolvers.ts
 * (`npm run codegen`): its rows, and the id of a department identity owns. Map each type you add
 * to what its resolvers really get (a row, a connection); a type without one is its GraphQL shape.
 */
export const resolverTypes: ResolverTypesConfig = {
  context: './loaders#__Pascal__Context',
  mappers: {
    __Pascal__Entry: './db/tables#EntryRow',
    Department: '{ id: string }',
  },
};
