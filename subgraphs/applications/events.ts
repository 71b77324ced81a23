import type { EventOutbox } from '../kit/event-outbox';
import type { CaseAction, Status } from './state-machine';
import type { ApplicationRow, Db } from './db/tables';

/**
 * `application.updated` (core/events.ts): emitted last in the transaction of every change of an
 * application's state (submission, an officer's action, the applicant's supplement or withdrawal),
 * so it exists exactly when the change committed. Ids and state only: who may read the rest is
 * decided when a subscriber's or the inbox's read goes through the graph.
 */
export async function emitApplicationUpdated(
  events: EventOutbox,
  trx: Db,
  app: Pick<ApplicationRow, 'id' | 'applicant_id' | 'department_id' | 'procedure_id' | 'tracking_number' | 'status'>,
  previousStatus: Status | null,
  action: CaseAction | 'SUBMIT',
): Promise<void> {
  await events.emit(trx, 'application.updated', {
    applicationId: app.id,
    applicantId: app.applicant_id,
    departmentId: app.department_id,
    procedureId: app.procedure_id,
    trackingNumber: app.tracking_number,
    status: app.status,
    previousStatus,
    action,
  });
}
