import type { EventOutbox } from '../kit/event-outbox';
import type { Db, FeedbackRow } from './db/tables';

export type FeedbackAction = 'SUBMIT' | 'START' | 'REPLY' | 'CONSENT' | 'RATE';

/**
 * `feedback.updated` (core/events.ts): emitted last in the transaction of every change of an item
 * (sent, started, answered, consent given or withdrawn, rated), so it exists exactly when the
 * change committed. Ids and state only: its text is read through the graph by whoever may.
 */
export async function emitFeedbackUpdated(
  events: EventOutbox,
  trx: Db,
  row: Pick<FeedbackRow, 'id' | 'submitter_id' | 'department_id' | 'kind' | 'tracking_number' | 'status'>,
  action: FeedbackAction,
): Promise<void> {
  await events.emit(trx, 'feedback.updated', {
    feedbackId: row.id,
    authorId: row.submitter_id,
    departmentId: row.department_id,
    kind: row.kind,
    trackingNumber: row.tracking_number,
    status: row.status,
    action,
  });
}
