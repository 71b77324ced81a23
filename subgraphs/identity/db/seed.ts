import { DEMO_DEPARTMENTS, DEMO_PASSWORD, demoAccounts, departmentId, userId } from '../../kit/demo';
import type { Db } from './users.repository';
import { hashOnce, type PasswordHashCost } from '../password-hashing';

/** Demo departments and accounts, into an empty identity schema only. */
export async function seedIdentity(db: Db, cost: PasswordHashCost = 'owasp'): Promise<void> {
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  await db
    .insertInto('departments')
    .values(
      DEMO_DEPARTMENTS.map((d) => ({
        id: departmentId(d.code),
        code: d.code,
        name: d.name,
        description: d.description,
        phone: d.phone,
        email: d.email,
        address: d.address,
        office_hours: d.officeHours,
        language: 'en' as const,
        translations: JSON.stringify({ zh: { name: d.zh.name, description: d.zh.description, address: d.zh.address, office_hours: d.zh.officeHours } }) as never,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  // Every demo account shares one password; hashing it once keeps start-up fast.
  const hash = await hashOnce(DEMO_PASSWORD, cost);
  await db
    .insertInto('users')
    .values(
      demoAccounts().map((a) => ({
        id: userId(a.email),
        email: a.email,
        password_hash: hash,
        display_name: a.displayName,
        roles: a.roles,
        department_id: a.department ? departmentId(a.department) : null,
      })),
    )
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}
