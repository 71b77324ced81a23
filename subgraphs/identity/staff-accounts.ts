import { randomUUID } from 'node:crypto';
import type { Role } from '../../core/identity';
import { userError, type UserError } from '../kit/errors';
import { checkNewAccount } from './accounts';
import { findDepartmentsByCodes, findDepartmentsByIds } from './db/departments.repository';
import type { UserRow } from './db/tables';
import { insertUser, type Db } from './db/users.repository';
import type { PasswordHashing } from './password-hashing';

/** The roles an admin gives; citizens sign themselves up. */
export const STAFF_ROLES = ['OFFICER', 'EDITOR', 'ANALYST', 'ADMIN'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Officers and editors act for one department; analysts and admins may have one too. */
export const needsDepartment = (role: Role) => role === 'OFFICER' || role === 'EDITOR';

export interface NewStaff {
  email: string;
  password: string;
  displayName: string;
  role: string;
  /** The department's id (the graph) or code (the command line). */
  department?: { id?: string | null; code?: string | null } | null;
}

/**
 * Checks a role and department for a staff account: the department's id, or userErrors on
 * `input.role` / `input.departmentId`.
 */
export async function checkStaffRole(db: Db, role: string, department: NewStaff['department']) {
  const errors: UserError[] = [];
  if (!(STAFF_ROLES as readonly string[]).includes(role)) {
    errors.push(userError('input.role', 'INVALID_ROLE', `Give one of ${STAFF_ROLES.join(', ')}.`, { roles: STAFF_ROLES.join(', ') }));
    return { departmentId: null, errors };
  }
  const wanted = department?.id ?? department?.code ?? null;
  if (wanted === null) {
    if (needsDepartment(role as Role)) errors.push(userError('input.departmentId', 'DEPARTMENT_REQUIRED', `A ${role.toLowerCase()} belongs to a department: give one.`, { role }));
    return { departmentId: null, errors };
  }
  const [found] = department?.id
    ? await findDepartmentsByIds(db, /^[0-9a-f-]{36}$/i.test(department.id) ? [department.id] : [])
    : await findDepartmentsByCodes(db, [String(department?.code).toUpperCase()]);
  if (!found) errors.push(userError('input.departmentId', 'UNKNOWN_DEPARTMENT', 'No such department.'));
  return { departmentId: found?.id ?? null, errors };
}

/** Creates a staff account; used by `createStaffAccount` (admins, audited) and `npm run admin -- create`. */
export async function createStaff(db: Db, hashing: PasswordHashing, input: NewStaff): Promise<{ user: UserRow | null; userErrors: UserError[] }> {
  const { email, displayName, errors } = checkNewAccount(input);
  const role = await checkStaffRole(db, input.role, input.department);
  const userErrors = [...errors, ...role.errors];
  if (userErrors.length) return { user: null, userErrors };
  const user = await insertUser(db, {
    id: randomUUID(),
    email,
    passwordHash: await hashing.hash(input.password),
    displayName,
    roles: [input.role],
    departmentId: role.departmentId,
  });
  if (!user) return { user: null, userErrors: [userError('input.email', 'EMAIL_TAKEN', 'An account with this email already exists.')] };
  return { user, userErrors: [] };
}
