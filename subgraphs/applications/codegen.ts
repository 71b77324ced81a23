import type { Connection } from '../kit/paging';
import type { ResolverTypesConfig } from '../kit/resolver-types';
import type { ApplicationRow } from './db/tables';

/** A page of applications as `toConnection` builds it (`totalCount` is counted only when asked). */
export type ApplicationPage = Connection<ApplicationRow>;

/** What applications' resolvers receive: its rows, and the id of a procedure, department or user another subgraph owns. */
export const resolverTypes: ResolverTypesConfig = {
  context: './loaders#ApplicationsContext',
  mappers: {
    UserError: '../kit/errors#UserErrorValue',
    Application: './db/tables#ApplicationRow',
    ApplicationEvent: './db/tables#HistoryRow',
    SupportingDocument: './db/tables#DocumentRow',
    WorkingCalendar: '../kit/working-calendar#WorkingCalendar as WorkingCalendarModel',
    CalendarDay: '../kit/working-calendar#EnteredDay',
    ApplicationConnection: './codegen#ApplicationPage',
    Procedure: '{ id: string }',
    Department: '{ id: string }',
    User: '{ id: string }',
  },
};
