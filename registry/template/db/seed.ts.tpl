import { demoId, departmentId } from '../../kit/demo';
import type { Db } from './tables';

/** Demo entries; does nothing when there are entries already. Change the department code to yours. */
export async function seed__Pascal__(db: Db): Promise<void> {
  if (await db.selectFrom('entries').select('id').limit(1).executeTakeFirst()) return;
  await db
    .insertInto('entries')
    .values([
      { id: demoId('__name__-entry', 'first'), title: 'First __name__ entry', description: 'Replace me with real data.', department_id: departmentId('TRANSPORT') },
    ])
    .execute();
}
