import type { EventOutbox } from '../kit/event-outbox';
import { emitFeedbackUpdated } from './events';
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../kit/db';
import { departmentCodeQuery, type DepartmentCodes } from '../kit/department-codes';
import type { AuditRecorder } from '../kit/audit';
import { asCaller } from '../../core/service-reads';
import { userError, type UserError } from '../kit/errors';
import type { ServiceGraph } from '../kit/service-graph';
import { formatTrackingNumber } from '../kit/tracking-numbers';
import { DEFAULT_CALENDAR, WorkingCalendar } from '../kit/working-calendar';
import { findFeedbackByIds } from './db/feedback.repository';
import type { Db, FeedbackKind, FeedbackRow } from './db/tables';
import { beforeSubmitting, findByIdempotencyKey, IDEMPOTENCY_CONSTRAINT, insertReceived, lockSubmitter } from './db/writes.repository';
import { isUuid } from './ids';
import { DEFAULT_TIME_LIMITS } from './time-limits';

/** Limits on what one citizen may send: lengths bound storage, the hourly cap bounds abuse. */
export const LIMITS = { subject: [3, 200], body: [10, 5000], idempotencyKey: 100, perHour: 10 } as const;

export interface SubmitInput {
  kind: FeedbackKind;
  departmentId: string;
  subject: string;
  body: string;
  procedureId?: string | null;
  publicationId?: string | null;
  applicationId?: string | null;
  /** The sender agrees that the item may be published (without their name or personal data). */
  publicationConsent?: boolean | null;
  idempotencyKey?: string | null;
}

export type SubmitResult = { feedback: FeedbackRow | null; userErrors: UserError[] };
const failed = (...userErrors: UserError[]): SubmitResult => ({ feedback: null, userErrors });

/** `FB-TAX-2026-`: a feedback item's tracking number is this and its department's next number that year. */
export const trackingPrefix = (departmentCode: string, year: number) => `FB-${departmentCode}-${year}-`;
export const trackingNumber = (departmentCode: string, year: number, sequence: number) =>
  formatTrackingNumber(trackingPrefix(departmentCode, year), sequence);

function validate(input: SubmitInput): UserError[] {
  const errors: UserError[] = [];
  const subject = input.subject.trim();
  const body = input.body.trim();
  const [sMin, sMax] = LIMITS.subject;
  const [bMin, bMax] = LIMITS.body;
  if (subject.length < sMin || subject.length > sMax)
    errors.push(userError('input.subject', 'INVALID_SUBJECT', `Write a subject of ${sMin} to ${sMax} characters.`, { min: sMin, max: sMax }));
  if (body.length < bMin || body.length > bMax)
    errors.push(userError('input.body', 'INVALID_BODY', `Write a message of ${bMin} to ${bMax} characters.`, { min: bMin, max: bMax }));
  if (!isUuid(input.departmentId)) errors.push(userError('input.departmentId', 'DEPARTMENT_NOT_FOUND', 'Choose one of the departments.'));
  for (const field of ['procedureId', 'publicationId', 'applicationId'] as const) {
    const v = input[field];
    if (v != null && !isUuid(v)) errors.push(userError(`input.${field}`, 'INVALID_REFERENCE', 'This is not a valid id.'));
  }
  const key = input.idempotencyKey;
  if (key != null && (key.length === 0 || key.length > LIMITS.idempotencyKey))
    errors.push(userError('input.idempotencyKey', 'INVALID_IDEMPOTENCY_KEY', `Use 1 to ${LIMITS.idempotencyKey} characters.`, { max: LIMITS.idempotencyKey }));
  return errors;
}

export async function submitFeedback(
  deps: { db: Db; graph: ServiceGraph; departmentCodes: DepartmentCodes; audit: AuditRecorder; events: EventOutbox },
  submitterId: string,
  input: SubmitInput,
): Promise<SubmitResult> {
  const { db, audit } = deps;
  const errors = validate(input);
  if (errors.length) return failed(...errors);
  const key = input.idempotencyKey ?? null;

  // The department is identity's, the procedure procedures', the publication publications', the
  // application applications' (asked as the sender): asked of them over the gateway's internal path outside any transaction (department codes are kept per
  // process). A retry is checked like a first send: cheaper than looking its key up before every first send.
  const [departmentCode, missing, notYours, calendar] = await Promise.all([
    deps.departmentCodes.of(deps.graph, input.departmentId),
    missingReferences(deps.graph, input),
    unknownApplication(deps.graph, input.applicationId),
    calendarOf(deps.graph, input.departmentId),
  ]);
  missing.push(...notYours);
  if (!departmentCode) missing.unshift(userError('input.departmentId', 'DEPARTMENT_NOT_FOUND', 'Choose one of the departments.'));
  if (!departmentCode || missing.length) return failed(...missing);

  const now = new Date();
  const year = now.getUTCFullYear();
  try {
    // Five round trips: BEGIN, the lock, one read, one write, COMMIT (and the audit entry of an admin's).
    const outcome = await db.transaction().execute(async (trx) => {
      await lockSubmitter(trx, submitterId);
      const before = await beforeSubmitting(trx, {
        submitterId, key, since: new Date(now.getTime() - 3_600_000), departmentId: input.departmentId, kind: input.kind,
      });
      // A retry of something already sent: the same item, without counting against the limit.
      if (before.existingId) {
        await audit.record(trx, { target: before.existingId });
        return { sent: before.existingId };
      }
      if (before.recent >= LIMITS.perHour) return 'RATE_LIMITED' as const;
      const days = before.workingDays ?? DEFAULT_TIME_LIMITS[input.kind];
      const sent = await insertReceived(
        trx,
        {
          id: randomUUID(),
          kind: input.kind,
          subject: input.subject.trim(),
          body: input.body.trim(),
          department_id: input.departmentId,
          procedure_id: input.procedureId ?? null,
          publication_id: input.publicationId ?? null,
          application_id: input.applicationId ?? null,
          submitter_id: submitterId,
          idempotency_key: key,
          status: 'RECEIVED',
          submitted_at: now,
          due_at: calendar.addWorkingDays(now, days),
          due_calendar: calendar.describe(),
          is_public: false,
          publication_consent: input.publicationConsent === true,
        },
        { prefix: trackingPrefix(departmentCode, year), departmentCode, year },
      );
      await audit.record(trx, { target: sent.id });
      await emitFeedbackUpdated(deps.events, trx, sent, 'SUBMIT');
      return sent;
    });
    if (outcome === 'RATE_LIMITED') {
      return failed(
        userError(null, 'RATE_LIMITED', `You can send at most ${LIMITS.perHour} items an hour. Please try again later.`, { perHour: LIMITS.perHour }),
      );
    }
    if ('sent' in outcome) {
      const [row] = await findFeedbackByIds(db, [outcome.sent]);
      return { feedback: row ?? null, userErrors: [] };
    }
    return { feedback: outcome, userErrors: [] };
  } catch (err) {
    // The lock makes a same-key race impossible; the unique constraint is the last word anyway.
    if (!key || !isUniqueViolation(err, IDEMPOTENCY_CONSTRAINT)) throw err;
    const winner = (await findByIdempotencyKey(db, submitterId, key)) ?? null;
    if (winner) await audit.record(db, { target: winner.id });
    return { feedback: winner, userErrors: [] };
  }
}

const REFERENCES = /* GraphQL */ `
  query FeedbackReferences($p: ID, $withProcedure: Boolean!, $pub: ID, $withPublication: Boolean!) {
    procedure(id: $p) @include(if: $withProcedure) { id }
    publication(id: $pub) @include(if: $withPublication) { id }
  }
`;

/** The department's working calendar (public; the applications subgraph keeps it): due dates count its working days. */
const CALENDAR = /* GraphQL */ `
  query FeedbackCalendar($id: ID!) {
    department(id: $id) { workingCalendar { jurisdiction timeZone enteredDays { day kind name } } }
  }
`;

type CalendarAnswer = { department: { workingCalendar: { jurisdiction: string | null; timeZone: string; enteredDays: { day: string; kind: 'HOLIDAY' | 'WORKDAY'; name: string }[] } } | null };

/** Asked on every send, like applications' own: an admin may have just entered a holiday. */
async function calendarOf(graph: ServiceGraph, departmentId: string): Promise<WorkingCalendar> {
  const { department } = await graph.request<CalendarAnswer>(CALENDAR, { id: departmentId });
  const c = department?.workingCalendar;
  return c ? new WorkingCalendar(c.jurisdiction, c.timeZone, c.enteredDays) : DEFAULT_CALENDAR;
}

/** Whether the sender may see the application they link: run as them, so applications decides. */
const OWN_APPLICATION = /* GraphQL */ `
  query FeedbackOwnApplication($id: ID!) {
    application(id: $id) { id }
  }
`;

/**
 * The documents this subgraph may run over the gateway's internal path: whether a procedure or a
 * publication exists as the public sees it (an opinion on a draft is refused like one on nothing),
 * a department's code, and, as the sender, whether they may see the application they link.
 */
export const READS = [REFERENCES, departmentCodeQuery('Feedback'), asCaller(OWN_APPLICATION), CALENDAR];

/**
 * A citizen links feedback only to an application they may see (their own): the applications
 * subgraph answers NOT_FOUND for someone else's exactly as for one that does not exist, and so
 * does this refusal.
 */
async function unknownApplication(graph: ServiceGraph, applicationId: string | null | undefined): Promise<UserError[]> {
  if (applicationId == null) return [];
  const { application } = await graph.request<{ application: { id: string } | null }>(OWN_APPLICATION, { id: applicationId }, ['NOT_FOUND']);
  return application ? [] : [userError('input.applicationId', 'APPLICATION_NOT_FOUND', 'Choose one of your applications.')];
}

/** The procedure and publication an item refers to, if any, that the public cannot see. */
async function missingReferences(graph: ServiceGraph, input: SubmitInput): Promise<UserError[]> {
  const withProcedure = input.procedureId != null;
  const withPublication = input.publicationId != null;
  if (!withProcedure && !withPublication) return [];
  type Found = { id: string } | null | undefined;
  const { procedure, publication } = await graph.request<{ procedure?: Found; publication?: Found }>(
    REFERENCES,
    { p: input.procedureId ?? null, withProcedure, pub: input.publicationId ?? null, withPublication },
  );
  const missing: UserError[] = [];
  if (withProcedure && !procedure) missing.push(userError('input.procedureId', 'PROCEDURE_NOT_FOUND', 'Choose one of the procedures.'));
  if (withPublication && !publication)
    missing.push(userError('input.publicationId', 'PUBLICATION_NOT_FOUND', 'Choose one of the publications.'));
  return missing;
}
