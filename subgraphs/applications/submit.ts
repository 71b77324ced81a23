import type { EventOutbox } from '../kit/event-outbox';
import { emitApplicationUpdated } from './events';
import { randomUUID } from 'node:crypto';
import type { Language } from '../kit/language';
import { isUniqueViolation } from '../kit/db';
import type { DepartmentCodes } from '../kit/department-codes';
import type { AuditRecorder } from '../kit/audit';
import { userError, type UserError } from '../kit/errors';
import type { ServiceGraph } from '../kit/service-graph';
import { formatTrackingNumber } from '../kit/tracking-numbers';
import type { FileStore } from '../../core/file-store';
import { findByIdempotencyKey, IDEMPOTENCY_INDEX, insertSubmitted } from './db/applications.repository';
import { insertDocuments } from './db/documents.repository';
import { attachedMeanwhile, checkDocuments, DOCUMENT_KEY, type DocumentInput } from './documents';
import type { ApplicationRow, Db } from './db/tables';
import type { FormValidator } from './form-validation';
import { isUuid } from './access';
import { currentProcedure } from './procedures-client';
import { calendarsOf, dueCalendar } from './calendars';

export interface SubmitInput {
  procedureId: string;
  formData: unknown;
  idempotencyKey: string;
  /** Absent: a client from before attachments; present (even empty): the checklist applies. */
  documents?: readonly DocumentInput[] | null;
}

export interface SubmitResult {
  application: ApplicationRow | null;
  userErrors: UserError[];
}

const failed = (...userErrors: UserError[]): SubmitResult => ({ application: null, userErrors });

/** `TAX-2026-`: an application's tracking number is this and its department's next number that year. */
export const trackingPrefix = (departmentCode: string, year: number) => `${departmentCode}-${year}-`;
export const trackingNumber = (departmentCode: string, year: number, sequence: number) =>
  formatTrackingNumber(trackingPrefix(departmentCode, year), sequence);

/**
 * Submits an application. Retries are safe: the (applicant, idempotency key) unique index lets
 * exactly one of any number of concurrent identical requests insert; the others read that one.
 */
export async function submitApplication(
  deps: {
    db: Db;
    graph: ServiceGraph;
    forms: FormValidator;
    departmentCodes: DepartmentCodes;
    audit: AuditRecorder;
    files: FileStore;
    language: Language;
    events: EventOutbox;
  },
  applicantId: string,
  input: SubmitInput,
): Promise<SubmitResult> {
  const { db, graph, forms, departmentCodes, audit, language } = deps;
  // A retry changes nothing: its entry (an admin's) is written on its own.
  const retried = async (existing: ApplicationRow) => {
    const result = sameOrMismatch(existing, input);
    if (result.application) await audit.record(db, { target: result.application.id });
    return result;
  };
  const key = input.idempotencyKey.trim();
  if (key.length === 0 || key.length > 200) {
    return failed(userError('input.idempotencyKey', 'INVALID_IDEMPOTENCY_KEY', 'Send a key of 1 to 200 characters, the same on every retry.', { max: 200 }));
  }
  // A retry of something already stored needs neither the procedure nor a check.
  const earlier = await findByIdempotencyKey(db, applicantId, key);
  if (earlier) return retried(earlier);

  const procedure = isUuid(input.procedureId) ? await currentProcedure(graph, departmentCodes, input.procedureId) : null;
  if (!procedure) return failed(userError('input.procedureId', 'UNKNOWN_PROCEDURE', 'There is no such procedure.'));
  if (!procedure.onlineApplication || !procedure.form) {
    return failed(userError('input.procedureId', 'NOT_ONLINE', 'This procedure cannot be applied for online.'));
  }
  const { form } = procedure;
  const problems = forms.validate(procedure.id, form.version, form.schema, input.formData, 'formData', language);
  const docs = await checkDocuments(deps, applicantId, input.documents ?? [], procedure.requiredDocuments, input.documents != null);
  problems.push(...docs.problems);
  if (problems.length) return failed(...problems);

  const [calendar] = await calendarsOf(db, [procedure.department.id]);
  const submittedAt = new Date();
  const year = submittedAt.getUTCFullYear();
  try {
    const application = await db.transaction().execute(async (trx) => {
      const app = await insertSubmitted(
        trx,
        {
          id: randomUUID(),
          procedure_id: procedure.id,
          department_id: procedure.department.id,
          applicant_id: applicantId,
          idempotency_key: key,
          form_data: input.formData,
          form_version: form.version,
          status: 'SUBMITTED',
          submitted_at: submittedAt,
          due_at: calendar.addWorkingDays(submittedAt, procedure.processingTimeDays),
          due_calendar: dueCalendar(calendar),
          decided_at: null,
          supplement_requested_at: null,
        },
        { prefix: trackingPrefix(procedure.department.code, year), departmentCode: procedure.department.code, year },
      );
      await insertDocuments(
        trx,
        docs.rows.map((d) => ({ ...d, application_id: app.id, stage: 'APPLICATION' as const, attached_at: submittedAt, purged_at: null })),
      );
      await audit.record(trx, { target: app.id });
      await emitApplicationUpdated(deps.events, trx, app, null, 'SUBMIT');
      return app;
    });
    return { application, userErrors: [] };
  } catch (err) {
    if (isUniqueViolation(err, DOCUMENT_KEY)) return failed(attachedMeanwhile());
    // (applicant, key) is taken: a concurrent identical request won.
    if (!isUniqueViolation(err, IDEMPOTENCY_INDEX)) throw err;
    // A concurrent identical request won the race: answer with its application.
    const winner = await findByIdempotencyKey(db, applicantId, key);
    if (!winner) throw new Error('idempotency conflict without a stored application');
    return retried(winner);
  }
}

function sameOrMismatch(existing: ApplicationRow, input: SubmitInput): SubmitResult {
  if (existing.procedure_id !== input.procedureId) {
    return failed(
      userError('input.idempotencyKey', 'IDEMPOTENCY_KEY_REUSED', 'This key was already used for another application; make a new key for a new application.'),
    );
  }
  return { application: existing, userErrors: [] };
}
