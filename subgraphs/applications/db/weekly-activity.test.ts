import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedDatabase } from '../../../test/embedded-database';
import { weeklyActivity } from '../../kit/activity-buckets';
import { insertSubmitted } from './applications.repository';
import { migrations } from './migrations/index';
import type { Db } from './tables';

/**
 * Weekly trends from the quarter-hour counters (migration 0008), in a database of its own so the
 * instants are exact: a week starts on Monday 00:00 in the zone asked for, across a time-zone day
 * boundary and a half-hour offset, and a decision counts in the week it was made.
 */
let own: Awaited<ReturnType<typeof embeddedDatabase>>;
let db: Db;
beforeAll(async () => {
  own = await embeddedDatabase({ applications: migrations });
  db = own.db.applications as Db;
});
afterAll(() => own?.stop());

const department = randomUUID();
const other = randomUUID();
const submit = (departmentId: string, at: string) =>
  insertSubmitted(
    db,
    {
      id: randomUUID(), procedure_id: randomUUID(), department_id: departmentId, applicant_id: randomUUID(), idempotency_key: randomUUID(),
      form_data: {}, form_version: 1, status: 'SUBMITTED', submitted_at: new Date(at), due_at: new Date(at), decided_at: null, supplement_requested_at: null,
    },
    { prefix: 'WK-2026-', departmentCode: 'WK', year: 2026 },
  );
const weeks = async (timeZone: string, from: string, to: string) =>
  (await weeklyActivity(db, 'applications', [department, other], ['submitted', 'decided'], new Date(from), new Date(to), timeZone)).map((r) => [
    r.department_id === department ? 'dept' : 'other', r.week, r.submitted, r.decided,
  ]);

describe('weekly activity per department', () => {
  it('buckets by the zone’s Mondays, zeros included, decisions in the week they were made', async () => {
    // Sunday 16:30 UTC is Monday 00:30 in Shanghai: another week there.
    await submit(department, '2026-11-29T16:30:00Z');
    const decided = await submit(department, '2026-11-30T02:00:00Z');
    await db.updateTable('applications').set({ status: 'APPROVED', decided_at: new Date('2026-12-08T03:00:00Z') }).where('id', '=', decided.id).execute();
    // Sunday 18:45 UTC is Monday 00:15 in Kolkata (+5:30): a quarter hour counts on the right side.
    await submit(other, '2026-11-29T18:45:00Z');

    const shanghai = await weeks('Asia/Shanghai', '2026-11-22T16:00:00Z', '2026-12-13T16:00:00Z');
    expect(shanghai.filter(([d]) => d === 'dept')).toEqual([['dept', '2026-11-23', 0, 0], ['dept', '2026-11-30', 2, 0], ['dept', '2026-12-07', 0, 1]]);
    expect(shanghai.filter(([d]) => d === 'other')).toEqual([['other', '2026-11-23', 0, 0], ['other', '2026-11-30', 1, 0], ['other', '2026-12-07', 0, 0]]);
    const utc = await weeks('UTC', '2026-11-23T00:00:00Z', '2026-12-14T00:00:00Z');
    expect(utc.filter(([d]) => d === 'dept')).toEqual([['dept', '2026-11-23', 1, 0], ['dept', '2026-11-30', 1, 0], ['dept', '2026-12-07', 0, 1]]);
    const kolkata = await weeks('Asia/Kolkata', '2026-11-22T18:30:00Z', '2026-12-06T18:30:00Z');
    expect(kolkata.filter(([d]) => d === 'other')).toEqual([['other', '2026-11-23', 0, 0], ['other', '2026-11-30', 1, 0]]);
    // A period starting mid-week counts only from its start.
    expect((await weeks('UTC', '2026-11-30T01:00:00Z', '2026-12-07T00:00:00Z')).filter(([d]) => d === 'dept')).toEqual([['dept', '2026-11-30', 1, 0]]);
  });

  it('reads the counters, not the applications: one row per department and quarter hour with activity', async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from applications.activity_buckets where department_id = ${department}`.execute(db);
    // Three quarter hours: two submissions and one decision.
    expect(rows[0].n).toBe(3);
  });
});
