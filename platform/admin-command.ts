import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { PasswordHashing } from '../subgraphs/identity/password-hashing';
import { createStaff } from '../subgraphs/identity/staff-accounts';
import type { Db } from '../subgraphs/identity/db/users.repository';

export const ADMIN_USAGE = `npm run admin -- create --email <email> --role <officer|editor|analyst|admin> [--department <code>] [--name <display name>]

  Creates a staff account straight in the identity database: the first admin of a production
  platform (demo accounts are never seeded there); later ones are made by an admin through the
  graph (createStaffAccount). Officers and editors need --department.
  Password: ADMIN_PASSWORD, or typed at the prompt (not echoed); at least 10 characters.
  Database: IDENTITY_DATABASE_URL or DATABASE_URL, else the embedded one in DATA_DIR (stop the
  platform first: the embedded database takes one process).
  Exit codes: 0 created; 1 refused (the reasons are printed); 2 usage.`;

export interface AdminCommandResult {
  code: 0 | 1 | 2;
  message: string;
}

/** `npm run admin -- …` without the process around it (scripts/admin.ts), so tests run it in-process. */
export async function adminCommand(argv: string[], io: { db: Kysely<any>; password: () => Promise<string> }): Promise<AdminCommandResult> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { email: { type: 'string' }, role: { type: 'string' }, department: { type: 'string' }, name: { type: 'string' } },
    });
  } catch (err) {
    return { code: 2, message: `${(err as Error).message}\n\n${ADMIN_USAGE}` };
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'create' || positionals.length > 1 || !values.email || !values.role) return { code: 2, message: ADMIN_USAGE };
  const role = values.role.toUpperCase();
  const { user, userErrors } = await createStaff(io.db as Db, new PasswordHashing(1), {
    email: values.email,
    password: await io.password(),
    displayName: values.name ?? `${role[0]}${role.slice(1).toLowerCase()} ${values.email.split('@')[0]}`,
    role,
    department: values.department ? { code: values.department } : null,
  });
  if (!user) return { code: 1, message: userErrors.map((e) => `${e.field ? `${e.field.replace('input.', '--').replace('departmentId', 'department')}: ` : ''}${e.message} (${e.code})`).join('\n') };
  return { code: 0, message: `Created ${role} ${user.email} (id ${user.id}). Sign in with this email and the password given.` };
}
