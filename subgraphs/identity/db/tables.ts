import type { Generated, Selectable } from 'kysely';
import type { Role } from '../../../core/identity';
import type { Language, Translations } from '../../kit/language';
import type { EventPositionTable } from '../../kit/event-consumer-migration';

/** The identity subgraph's tables, in its own `identity` schema. */
export interface DepartmentTable {
  id: string;
  code: string;
  name: string;
  description: Generated<string>;
  phone: string;
  email: string;
  address: string;
  office_hours: string;
  /** The language name, description, address and office hours are written in. */
  language: Generated<Language>;
  /** The other language's text, absent while untranslated (subgraphs/kit/language.ts). */
  translations: Generated<Translations<DepartmentText>>;
}

/** A department's columns that are written in a language. */
export type DepartmentText = 'name' | 'description' | 'address' | 'office_hours';

export interface UserTable {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  roles: string[];
  department_id: string | null;
  created_at: Generated<Date>;
  /** False once an admin deactivated the account: it cannot sign in, its tokens are refused. */
  active: Generated<boolean>;
  /** Raised by whatever ends the account's sessions; tokens carry the version they were issued under. */
  session_version: Generated<number>;
  /** The language the person's mail is written in: the request's at sign-up, changeable (0007). */
  language: Generated<Language>;
  /** False once the person turned email notifications off (their inbox still fills). */
  email_notifications: Generated<boolean>;
}

export interface LoginFailureTable {
  key: string;
  failures: number;
  window_started_at: Date;
  /** No password check for this key before then (the progressive delay). */
  locked_until: Date | null;
  /** Password checks under way for this key. */
  in_flight: Generated<number>;
  in_flight_since: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: string;
  actor_roles: Role[];
  action: string;
  target: string | null;
  outcome: string;
  error_code: string | null;
  request_id: string;
  /** The subgraph that wrote the entry (`gateway`: recorded by the gateway before subgraphs wrote their own). */
  source: Generated<string>;
  /** The entry's position in its source's own log; null for identity's own. */
  seq: number | null;
  /** Identity's own entries: the kit's one-entry-per-mutation key. */
  entry_id: string | null;
}

export type NotificationKind = 'APPLICATION_STATUS' | 'FEEDBACK_REPLY';

/** One entry of a citizen's inbox: a message code and its parameters, rendered in the reader's language. */
export interface NotificationTable {
  id: string;
  user_id: string;
  kind: NotificationKind;
  code: string;
  params: Record<string, string>;
  /** The portal page it is about, root-relative (`/my/applications/<id>`). */
  link: string;
  /** The event it came from (`applications:42`): one notification per event. */
  source: string;
  created_at: Generated<Date>;
  read_at: Date | null;
}

/** The email of a notification, until the SMTP server accepted it (or it was dropped). */
export interface MailOutboxTable {
  notification_id: string;
  message_id: string;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  sent_at: Date | null;
  dropped_at: Date | null;
  dropped_reason: string | null;
}

export interface IdentityDB {
  audit_log: AuditLogTable;
  departments: DepartmentTable;
  users: UserTable;
  login_failures: LoginFailureTable;
  notifications: NotificationTable;
  mail_outbox: MailOutboxTable;
  event_positions: EventPositionTable;
}

export type DepartmentRow = Omit<DepartmentTable, 'language' | 'translations'> & {
  description: string;
  language: Language;
  translations: Translations<DepartmentText>;
};
export type UserRow = Omit<UserTable, 'created_at' | 'active' | 'session_version' | 'language' | 'email_notifications'> & {
  created_at: Date;
  active: boolean;
  session_version: number;
  language: Language;
  email_notifications: boolean;
};
export type NotificationRow = Selectable<NotificationTable>;
export type AuditEntryRow = Selectable<AuditLogTable>;
