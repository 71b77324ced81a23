import { randomUUID } from 'node:crypto';
import { userError, type UserError } from '../kit/errors';
import type { GraphClient } from '../kit/graph-client';
import { addWorkingDays } from '../kit/workdays';
import { findFeedbackByIds } from './db/feedback.repository';
import type { Db, FeedbackKind, FeedbackRow } from './db/tables';
import { countSince, findByIdempotencyKey, insertFeedback, lockSubmitter, nextTrackingNumber } from './db/writes.repository';
import { isUuid } from './ids';
import { workingDaysFor } from './time-limits';

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
  idempotencyKey?: string | null;
}

export type SubmitResult = { feedback: FeedbackRow | null; userErrors: UserError[] };
const failed = (...userErrors: UserError[]): SubmitResult => ({ feedback: null, userErrors });

/** Thrown inside the transaction when a parallel request with the same key won: rolls back its counter. */
class AlreadySent extends Error {}

function validate(input: SubmitInput): UserError[] {
  const errors: UserError[] = [];
  const subject = input.subject.trim();
  const body = input.body.trim();
  const [sMin, sMax] = LIMITS.subject;
  const [bMin, bMax] = LIMITS.body;
  if (subject.length < sMin || subject.length > sMax)
    errors.push(userError('input.subject', 'INVALID_SUBJECT', `Write a subject of ${sMin} to ${sMax} characters.`));
  if (body.length < bMin || body.length > bMax)
    errors.push(userError('input.body', 'INVALID_BODY', `Write a message of ${bMin} to ${bMax} characters.`));
  if (!isUuid(input.departmentId)) errors.push(userError('input.departmentId', 'DEPARTMENT_NOT_FOUND', 'Choose one of the departments.'));
  for (const field of ['procedureId', 'publicationId', 'applicationId'] as const) {
    const v = input[field];
    if (v != null && !isUuid(v)) errors.push(userError(`input.${field}`, 'INVALID_REFERENCE', 'This is not a valid id.'));
  }
  const key = input.idempotencyKey;
  if (key != null && (key.length === 0 || key.length > LIMITS.idempotencyKey))
    errors.push(userError('input.idempotencyKey', 'INVALID_IDEMPOTENCY_KEY', `Use 1 to ${LIMITS.idempotencyKey} characters.`));
  return errors;
}

export async function submitFeedback(db: Db, graph: GraphClient, submitterId: string, input: SubmitInput): Promise<SubmitResult> {
  const errors = validate(input);
  if (errors.length) return failed(...errors);
  const key = input.idempotencyKey ?? null;

  // A retry of something already sent: the same item, without counting against the limit.
  const known = key ? await findByIdempotencyKey(db, submitterId, key) : undefined;
  if (known) return { feedback: known, userErrors: [] };

  // The department is identity's, the procedure procedures', the publication publications': ask the
  // graph, once, outside any transaction.
  const withProcedure = input.procedureId != null;
  const withPublication = input.publicationId != null;
  type Found = { id: string } | null | undefined;
  const { department, procedure, publication } = await graph.request<{ department: { id: string; code: string } | null; procedure?: Found; publication?: Found }>(
    `query FeedbackReferences($d: ID!, $p: ID, $withProcedure: Boolean!, $pub: ID, $withPublication: Boolean!) {
      department(id: $d) { id code }
      procedure(id: $p) @include(if: $withProcedure) { id }
      publication(id: $pub) @include(if: $withPublication) { id }
    }`,
    { d: input.departmentId, p: input.procedureId ?? null, withProcedure, pub: input.publicationId ?? null, withPublication },
  );
  const missing: UserError[] = [];
  if (!department) missing.push(userError('input.departmentId', 'DEPARTMENT_NOT_FOUND', 'Choose one of the departments.'));
  if (withProcedure && !procedure) missing.push(userError('input.procedureId', 'PROCEDURE_NOT_FOUND', 'Choose one of the procedures.'));
  if (withPublication && !publication)
    missing.push(userError('input.publicationId', 'PUBLICATION_NOT_FOUND', 'Choose one of the publications.'));
  if (!department || missing.length) return failed(...missing);

  const now = new Date();
  try {
    const outcome = await db.transaction().execute(async (trx) => {
      await lockSubmitter(trx, submitterId);
      if (key && (await findByIdempotencyKey(trx, submitterId, key))) throw new AlreadySent();
      if ((await countSince(trx, submitterId, new Date(now.getTime() - 3_600_000))) >= LIMITS.perHour) return 'RATE_LIMITED' as const;
      const days = await workingDaysFor(trx, department.id, input.kind);
      const inserted = await insertFeedback(trx, {
        id: randomUUID(),
        tracking_number: await nextTrackingNumber(trx, department.code, now.getUTCFullYear()),
        kind: input.kind,
        subject: input.subject.trim(),
        body: input.body.trim(),
        department_id: department.id,
        procedure_id: input.procedureId ?? null,
        publication_id: input.publicationId ?? null,
        application_id: input.applicationId ?? null,
        submitter_id: submitterId,
        idempotency_key: key,
        status: 'RECEIVED',
        submitted_at: now,
        due_at: addWorkingDays(now, days),
        is_public: false,
      });
      if (!inserted) throw new AlreadySent();
      return inserted.id;
    });
    if (outcome === 'RATE_LIMITED') {
      return failed(
        userError(null, 'RATE_LIMITED', `You can send at most ${LIMITS.perHour} items an hour. Please try again later.`),
      );
    }
    const [row] = await findFeedbackByIds(db, [outcome]);
    return { feedback: row ?? null, userErrors: [] };
  } catch (err) {
    if (!(err instanceof AlreadySent) || !key) throw err;
    return { feedback: (await findByIdempotencyKey(db, submitterId, key)) ?? null, userErrors: [] };
  }
}
