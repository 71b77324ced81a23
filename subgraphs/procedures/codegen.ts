import type { Connection } from '../kit/paging';
import type { ResolverTypesConfig } from '../kit/resolver-types';
import type { ProcedureRow } from './db/tables';

/** A page of the catalogue as `toConnection` builds it (`totalCount` is counted only when asked). */
export type ProcedurePage = Connection<ProcedureRow>;

/** What procedures' resolvers receive: its rows, and the id of a department identity owns. */
export const resolverTypes: ResolverTypesConfig = {
  context: './loaders#ProceduresContext',
  mappers: {
    UserError: '../kit/errors#UserErrorValue',
    Procedure: './db/tables#ProcedureRow',
    ProcedureStep: './db/tables#LocalizedStep',
    RequiredDocument: './db/tables#LocalizedDocument',
    Fee: './db/tables#LocalizedFee',
    Faq: './db/tables#LocalizedFaq',
    Form: './db/tables#LocalizedForm',
    ApplicationForm: './db/tables#LocalizedApplicationForm',
    ProcedureConnection: './codegen#ProcedurePage',
    Department: '{ id: string }',
  },
};
