import type { Generated } from 'kysely';

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
}

export interface UserTable {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  roles: string[];
  department_id: string | null;
  created_at: Generated<Date>;
}

export interface LoginFailureTable {
  key: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: string;
  actor_roles: string[];
  action: string;
  target: string | null;
  outcome: string;
  request_id: string;
}

export interface IdentityDB {
  audit_log: AuditLogTable;
  departments: DepartmentTable;
  users: UserTable;
  login_failures: LoginFailureTable;
}

export type DepartmentRow = DepartmentTable & { description: string };
export type UserRow = Omit<UserTable, 'created_at'> & { created_at: Date };
