import type { Connection } from '../kit/paging';
import type { ResolverTypesConfig } from '../kit/resolver-types';
import type { AuditEntryRow, NotificationRow } from './db/tables';

/** A page of the audit log as `toConnection` builds it (`totalCount` is counted only when asked). */
export type AuditEntryPage = Connection<AuditEntryRow>;
/** A page of a person's inbox. */
export type NotificationPage = Connection<NotificationRow>;

/** What identity's resolvers receive: its rows; sign-up and sign-in answer with `AuthResult`, whose `user` is a row. */
export const resolverTypes: ResolverTypesConfig = {
  context: './loaders#IdentityContext',
  mappers: {
    UserError: '../kit/errors#UserErrorValue',
    User: './db/tables#UserRow',
    Department: './db/tables#DepartmentRow',
    DepartmentContact: './db/tables#DepartmentRow',
    AuditEntry: './db/tables#AuditEntryRow',
    AuditEntryConnection: './codegen#AuditEntryPage',
    Notification: './db/tables#NotificationRow',
    NotificationConnection: './codegen#NotificationPage',
  },
};
