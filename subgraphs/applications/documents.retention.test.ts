import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedDatabase } from '../../test/embedded-database';
import { migrations as fileMigrations } from '../../gateway/files/migrations/index';
import { PostgresFileStore } from '../../gateway/files/store';
import { migrations } from './db/migrations/index';
import type { Db } from './db/tables';
import { purgeExpiredDocuments, RETENTION_DAYS } from './documents.retention';
import type { Status } from './state-machine';

// A database of its own (as db/applications.repository.test.ts): the rule is about time, and only
// here can a test move an application's last change into the past.
let own: Awaited<ReturnType<typeof embeddedDatabase>>;
let db: Db;
let files: PostgresFileStore;
beforeAll(async () => {
  own = await embeddedDatabase({ applications: migrations, files: fileMigrations });
  db = own.db.applications as Db;
  files = new PostgresFileStore(own.db.files);
});
afterAll(() => own?.stop());

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-30T12:00:00Z');

/** An application in `status` since `daysAgo`, with one attached document; returns the file id. */
async function endedApplication(status: Status, daysAgo: number): Promise<string> {
  const id = randomUUID();
  const applicant = randomUUID();
  const since = new Date(now.getTime() - daysAgo * DAY);
  await db.insertInto('applications').values({
    id, tracking_number: `T-${id}`, procedure_id: randomUUID(), department_id: randomUUID(), applicant_id: applicant,
    idempotency_key: id, form_data: '{}', form_version: 1, status, submitted_at: new Date(since.getTime() - 10 * DAY),
    due_at: since, decided_at: null, supplement_requested_at: null,
  }).execute();
  await db.insertInto('application_history').values([
    { application_id: id, at: new Date(since.getTime() - 10 * DAY), from_status: null, to_status: 'SUBMITTED', comment: null, actor_id: applicant },
    { application_id: id, at: since, from_status: 'SUBMITTED', to_status: status, comment: null, actor_id: applicant },
  ]).execute();
  const file = await files.put({ fileName: 'id.pdf', mimeType: 'application/pdf', content: Buffer.from('%PDF-1.7 x'), uploadedBy: applicant, private: true });
  await db.insertInto('supporting_documents').values({
    file_id: file.id, application_id: id, requirement_index: 0, requirement: 'Identity card', file_name: 'id.pdf',
    mime_type: 'application/pdf', size_bytes: file.sizeBytes, uploaded_by: applicant, attached_at: since, position: 0, stage: 'APPLICATION', purged_at: null,
  }).execute();
  return file.id;
}

describe('retention of supporting documents', () => {
  it('deletes the files of applications ended longer ago than their state keeps them, and nothing else', async () => {
    const cases = {
      withdrawnLongAgo: await endedApplication('WITHDRAWN', RETENTION_DAYS.WITHDRAWN + 1),
      withdrawnRecently: await endedApplication('WITHDRAWN', RETENTION_DAYS.WITHDRAWN - 1),
      completedLongAgo: await endedApplication('COMPLETED', RETENTION_DAYS.COMPLETED + 1),
      completedRecently: await endedApplication('COMPLETED', RETENTION_DAYS.WITHDRAWN + 1),
      deniedLongAgo: await endedApplication('DENIED', RETENTION_DAYS.DENIED + 1),
      // Open applications keep their documents, however old.
      openForever: await endedApplication('ACCEPTED', 5000),
    };
    expect(await purgeExpiredDocuments(db, files, now, 2)).toBe(3);
    const gone = ['withdrawnLongAgo', 'completedLongAgo', 'deniedLongAgo'];
    for (const [name, fileId] of Object.entries(cases)) {
      const purged = gone.includes(name);
      expect({ name, stored: !!(await files.head(fileId)) }).toEqual({ name, stored: !purged });
      const row = await db.selectFrom('supporting_documents').select('purged_at').where('file_id', '=', fileId).executeTakeFirstOrThrow();
      expect({ name, purgedAt: row.purged_at?.toISOString() ?? null }).toEqual({ name, purgedAt: purged ? now.toISOString() : null });
    }
    // A second run (another replica, the next hour) finds nothing more.
    expect(await purgeExpiredDocuments(db, files, now)).toBe(0);
  });
});
