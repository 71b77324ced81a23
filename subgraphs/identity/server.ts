import { loadSchema, UNTIL_A_MUTATION, type SubgraphDefinition } from '../kit/server';
import type { SubgraphDeps } from '../kit/module';
import { createLoaders, type IdentityContext } from './loaders';
import { AuditEntry, auditLogQuery, recordAuditMutation } from './resolvers/AuditEntry';
import { Department, DepartmentContact } from './resolvers/Department';
import { mutationResolvers } from './resolvers/Mutation';
import { Query } from './resolvers/Query';
import { User } from './resolvers/User';
import type { Db } from './db/users.repository';
import { PasswordHashing } from './password-hashing';
import { SignInThrottle } from './sign-in-throttle';
import type { Resolvers } from './generated/resolvers';
import { Notification, notificationMutations, userNotificationFields } from './resolvers/Notification';
import { startNotifications } from './notifications/index';

export const typeDefs = loadSchema(import.meta.url);

/** Builds the identity subgraph: users, departments, sign-up and sign-in. Does not listen. */
export function buildIdentity(deps: SubgraphDeps): SubgraphDefinition<IdentityContext> {
  const db = deps.db as Db;
  const guard = { hashing: new PasswordHashing(deps.passwordHashConcurrency ?? 2, deps.passwordHashCost), throttle: new SignInThrottle(db) };
  const notifications = startNotifications(db, deps.events ?? undefined, deps.mail, deps.publicUrl);
  return {
    name: 'identity',
    cache: UNTIL_A_MUTATION,
    typeDefs,
    // Its audit_log is the merged log the relay writes to; signing in is no act on the platform's records.
    // Marking one's own notifications read or choosing their language is no act on the platform's records either.
    audit: {
      db,
      notAudited: ['register', 'login', 'recordAudit', 'markNotificationRead', 'markAllNotificationsRead', 'updateNotificationSettings'],
      outbox: false,
    },
    resolvers: {
      Query: { ...Query, auditLog: auditLogQuery },
      Mutation: { ...mutationResolvers(deps.tokens, guard), recordAudit: recordAuditMutation, ...notificationMutations },
      User: { ...User, ...userNotificationFields },
      Notification,
      Department,
      DepartmentContact,
      AuditEntry,
    } satisfies Resolvers,
    context: (base) => ({ ...base, db, loaders: createLoaders(db) }),
    jobs: notifications.jobs,
    stop: async () => {
      await notifications.stop();
      await guard.hashing.close();
    },
  };
}
