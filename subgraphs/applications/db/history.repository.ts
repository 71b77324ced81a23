import type { Status } from '../state-machine';
import type { Db, HistoryRow } from './tables';

/** The history of many applications in one statement, oldest event first. */
export function findHistoryOf(db: Db, applicationIds: readonly string[]): Promise<HistoryRow[]> {
  return db
    .selectFrom('application_history')
    .selectAll()
    .where('application_id', 'in', [...applicationIds])
    .orderBy('application_id')
    .orderBy('id')
    .execute();
}

export async function insertEvent(
  db: Db,
  e: { applicationId: string; at: Date; from: Status | null; to: Status; comment: string | null; actorId: string },
): Promise<void> {
  await db
    .insertInto('application_history')
    .values({ application_id: e.applicationId, at: e.at, from_status: e.from, to_status: e.to, comment: e.comment, actor_id: e.actorId })
    .execute();
}
