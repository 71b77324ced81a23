import type { Connection } from '../kit/paging';
import type { ResolverTypesConfig } from '../kit/resolver-types';
import type { ProcedureRow } from './db/tables';

/** A page of the catalogue as `toConnection` builds it (`totalCount` is counted only when asked). */
export type ProcedurePage = Connection<ProcedureRow>;

/** What procedures' resolvers receive: its rows, and the id of a department identity owns. */
export const resolverTypes: ResolverTypesConfig = {
  context: './loaders#ProceduresContext',
  mappers: {
    Procedure: './db/tables#ProcedureRow',
    ProcedureStep: './db/tables#StepRow',
    RequiredDocument: './db/tables#DocumentRow',
    Fee: './db/tables#FeeRow',
    Faq: './db/tables#FaqRow',
    ApplicationForm: './db/tables#ApplicationFormRow',
    ProcedureConnection: './codegen#ProcedurePage',
    Department: '{ id: string }',
  },
};
