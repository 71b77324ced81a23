import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedDatabase } from '../../../test/embedded-database';
import { findHistoryOf } from './history.repository';
import { findByIdempotencyKey, IDEMPOTENCY_INDEX, insertSubmitted } from './applications.repository';
import { migrations } from './migrations/index';
import type { Db } from './tables';

// A database of its own: tracking numbers are counted per department across the whole platform,
// so only here can a test see that a refused insert used up none.
let own: Awaited<ReturnType<typeof embeddedDatabase>>;
let db: Db;
beforeAll(async () => {
  own = await embeddedDatabase({ applications: migrations });
  db = own.db.applications as Db;
});
afterAll(() => own?.stop());

const application = (applicantId: string, key: string) => ({
  id: randomUUID(),
  procedure_id: randomUUID(),
  department_id: randomUUID(),
  applicant_id: applicantId,
  idempotency_key: key,
  form_data: { name: 'Kim' },
  form_version: 1,
  status: 'SUBMITTED' as const,
  submitted_at: new Date('2026-03-02T09:00:00Z'),
  due_at: new Date('2026-03-16T09:00:00Z'),
  decided_at: null,
  supplement_requested_at: null,
});

describe('insertSubmitted: one statement for number, row and history', () => {
  it('numbers per department and year, records the first event, and uses up no number when the key is taken', async () => {
    const applicant = randomUUID();
    const tracking = { prefix: 'TST-2026-', departmentCode: 'TST', year: 2026 };
    const first = await insertSubmitted(db, application(applicant, 'k1'), tracking);
    expect(first).toMatchObject({ tracking_number: 'TST-2026-000001', status: 'SUBMITTED', version: 1, form_data: { name: 'Kim' } });

    // The same (applicant, key) again: the unique index refuses the whole statement.
    const again = await insertSubmitted(db, application(applicant, 'k1'), tracking).catch((e) => e);
    expect(again).toMatchObject({ code: '23505', constraint: IDEMPOTENCY_INDEX });
    expect((await findByIdempotencyKey(db, applicant, 'k1'))?.id).toBe(first.id);

    const second = await insertSubmitted(db, application(applicant, 'k2'), tracking);
    expect(second.tracking_number).toBe('TST-2026-000002');
    expect((await insertSubmitted(db, application(applicant, 'k3'), { prefix: 'TST-2027-', departmentCode: 'TST', year: 2027 })).tracking_number).toBe('TST-2027-000001');

    const history = await findHistoryOf(db, [first.id, second.id]);
    expect(history.map((e) => [e.application_id, e.from_status, e.to_status, e.actor_id])).toEqual(
      [first, second].sort((a, b) => a.id.localeCompare(b.id)).map((a) => [a.id, null, 'SUBMITTED', applicant]),
    );
    expect(history[0].at).toEqual(new Date('2026-03-02T09:00:00Z'));
  });
});
