import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../subgraphs/kit/migrate';
import { countByApplicants, listByApplicants, listQueue } from '../subgraphs/applications/db/applications.repository';
import { statsFor } from '../subgraphs/applications/db/stats.repository';
import { migrations as applicationMigrations } from '../subgraphs/applications/db/migrations/index';
import { countByOwners, listByOwners } from '../subgraphs/feedback/db/lists.repository';
import { feedbackStatsByDepartments } from '../subgraphs/feedback/db/stats.repository';
import { migrations as feedbackMigrations } from '../subgraphs/feedback/db/migrations/index';
import { listProceduresByDepartments } from '../subgraphs/procedures/db/procedures.repository';
import { migrations as procedureMigrations } from '../subgraphs/procedures/db/migrations/index';
import { countPublicByDepartments, listPublicByDepartments } from '../subgraphs/publications/db/publications.repository';
import { migrations as publicationMigrations } from '../subgraphs/publications/db/migrations/index';
import { listEditorial } from '../subgraphs/publications/db/editorial-list.repository';

/**
 * What a first-N-per-parent statement costs must grow with parents × page size, never with the
 * table. Each list is filled to two sizes, ten times apart, in databases of their own, and the
 * very statement the repository sends is run under EXPLAIN (ANALYZE, BUFFERS): the rows its plan
 * examines (returned or filtered away, times loops, in every scan) and the buffers it touches must
 * stay level. A window over every matching row (the old `row_number() over (partition by …)`)
 * examines ten times more at the larger size and fails here.
 *
 * On a real PostgreSQL server (DATABASE_URL): it creates and drops databases of its own.
 */
const SERVER = process.env.DATABASE_URL;
if (!SERVER) console.warn('page-cost.test.ts: needs a PostgreSQL server (DATABASE_URL; .ci/run sets it): skipped on the embedded database');

const SIZES = [2_000, 20_000] as const;
const PARENTS = 5;
const PAGE = 8;
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const parentIds = Array.from({ length: PARENTS }, (_, i) => uuid(900_000 + i));
/** Rows are spread over 50 departments, as a national catalogue's are: the parents and 45 others. */
const DEPARTMENTS = 50;
const departments = `'{${[...parentIds, ...Array.from({ length: DEPARTMENTS - PARENTS }, (_, i) => uuid(800_000 + i))].join(',')}}'::uuid[]`;

interface Plan {
  'Node Type': string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: Plan[];
}

/** Rows every scan in the plan looked at: returned or thrown away, on every loop. */
function rowsExamined(plan: Plan): number {
  const own = /Scan/.test(plan['Node Type'])
    ? (plan['Actual Rows'] + (plan['Rows Removed by Filter'] ?? 0) + (plan['Rows Removed by Index Recheck'] ?? 0)) * plan['Actual Loops']
    : 0;
  return own + (plan.Plans ?? []).reduce((sum, p) => sum + rowsExamined(p), 0);
}

interface Measured {
  rows: number;
  examined: number;
  buffers: number;
}

/** One database per size, with one subgraph's schema migrated and filled. */
class Sized {
  readonly name = `egov_pagecost_${Date.now()}_${Math.random().toString(36).slice(2, 6)}`;
  private pool!: pg.Pool;
  private captured: CompiledQuery[] = [];
  db!: Kysely<any>;

  async open(schema: string): Promise<void> {
    const admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    await admin.query(`create database ${this.name}`);
    await admin.end();
    const url = new URL(SERVER!);
    url.pathname = `/${this.name}`;
    this.pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    // close() drops the database with (force): a connection the pool is still closing may then be
    // terminated by the server, which is expected, not an uncaught error of the test run.
    // The pool re-emits an idle client's error as its own, which would be uncaught without a listener.
    this.pool.on('connect', (client) => client.on('error', () => {}));
    this.pool.on('error', () => {});
    this.db = new Kysely<any>({
      dialect: new PostgresDialect({ pool: this.pool }),
      log: (event) => {
        if (event.level === 'query') this.captured.push(event.query);
      },
    }).withSchema(schema);
  }

  async sql(text: string): Promise<void> {
    await this.pool.query(text);
  }

  /** Runs `call` and EXPLAINs the statements it sent (one, or a total's two), summed. */
  async measure(call: (db: Kysely<any>) => Promise<unknown[] | Map<string, number>>): Promise<Measured> {
    this.captured = [];
    const result = await call(this.db);
    expect(this.captured.length).toBeGreaterThan(0);
    expect(this.captured.length).toBeLessThanOrEqual(2);
    const measured = { rows: result instanceof Map ? [...result.values()].reduce((a, b) => a + b, 0) : result.length, examined: 0, buffers: 0 };
    for (const { sql, parameters } of this.captured) {
      const { rows } = await this.pool.query(`explain (analyze, buffers, format json) ${sql}`, parameters as unknown[]);
      const plan = rows[0]['QUERY PLAN'][0].Plan as Plan;
      if (process.env.PAGE_COST_PLANS) console.log(JSON.stringify(plan, ['Node Type', 'Index Name', 'Actual Rows', 'Actual Loops', 'Rows Removed by Filter', 'Filter', 'Plans']));
      measured.examined += rowsExamined(plan);
      measured.buffers += plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
    }
    return measured;
  }

  async close(): Promise<void> {
    await this.db?.destroy();
    const admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    await admin.query(`drop database if exists ${this.name} with (force)`);
    await admin.end();
  }
}

/** The same list at both sizes: the larger examines and touches no more than a page's worth more. */
function expectLevel(small: Measured, large: Measured) {
  if (process.env.PAGE_COST_REPORT) console.log(`${expect.getState().currentTestName}: rows examined ${small.examined} → ${large.examined}, buffers ${small.buffers} → ${large.buffers}`);
  // Row counts are exact; one more B-tree level per parent may cost a buffer each.
  expect(large.examined, `rows examined: ${small.examined} at 1×, ${large.examined} at 10×`).toBeLessThanOrEqual(small.examined * 1.25 + PARENTS);
  expect(large.buffers, `buffers: ${small.buffers} at 1×, ${large.buffers} at 10×`).toBeLessThanOrEqual(small.buffers * 1.5 + PARENTS * 2);
}

describe.skipIf(!SERVER)('first-N-per-parent statements cost a page, not the table (EXPLAIN at 1× and 10×)', () => {
  const opened: Sized[] = [];
  const sized = async (schema: string, migrations: Parameters<typeof migrateToLatest>[2], fill: (s: Sized, n: number) => Promise<void>) => {
    const out: Sized[] = [];
    for (const n of SIZES) {
      const s = new Sized();
      opened.push(s);
      await s.open(schema);
      await migrateToLatest(s.db, schema, migrations);
      await fill(s, n);
      // The steady state autovacuum keeps: counters rewritten on every insert leave dead versions behind.
      await s.sql('vacuum analyze');
      out.push(s);
    }
    return out;
  };
  afterAll(async () => {
    for (const s of opened) await s.close().catch(() => {});
  });

  let publications: Sized[];
  let procedures: Sized[];
  let feedback: Sized[];
  let applications: Sized[];
  beforeAll(async () => {
    // n items over the departments, newest first by the minute; and n/3 drafts among them, for the editors' list.
    publications = await sized('publications', publicationMigrations, async (s, n) => {
      await s.sql(`insert into publications.publications (id, slug, kind, status, title, department_id, published_at, updated_at)
        select gen_random_uuid(), 'item-' || i, (array['NEWS','ANNOUNCEMENT','POLICY','NOTICE'])[1 + (i / ${DEPARTMENTS}) % 4], 'PUBLISHED', 'Item ' || i,
          (${departments})[1 + i % ${DEPARTMENTS}], now() - i * interval '1 minute', now() - i * interval '1 minute'
        from generate_series(1, ${n}) i`);
      await s.sql(`insert into publications.publications (id, slug, kind, status, title, department_id, updated_at)
        select gen_random_uuid(), 'draft-' || i, 'NEWS', 'DRAFT', 'Draft ' || i, (${departments})[1 + i % ${DEPARTMENTS}], now() - i * interval '3 minutes'
        from generate_series(1, ${n} / 3) i`);
    });
    procedures = await sized('procedures', procedureMigrations, (s, n) =>
      s.sql(`insert into procedures.procedures (id, code, title, department_id, category)
        select gen_random_uuid(), 'P-' || i, 'Procedure ' || lpad(i::text, 6, '0'),
          (${departments})[1 + i % ${DEPARTMENTS}], 'Business'
        from generate_series(1, ${n}) i`),
    );
    // Feedback: each parent (a publication, or a submitter) holds a share of n; a tenth is private.
    feedback = await sized('feedback', feedbackMigrations, (s, n) =>
      s.sql(`insert into feedback.feedback (id, tracking_number, kind, subject, body, department_id, publication_id, submitter_id, status, submitted_at, due_at, is_public)
        select gen_random_uuid(), 'FB-' || i, 'OPINION', 'Subject ' || i, 'Body', '${uuid(3)}',
          ('{${parentIds.join(',')}}'::uuid[])[1 + i % ${PARENTS}], ('{${parentIds.join(',')}}'::uuid[])[1 + (i / 7) % ${PARENTS}],
          'SUBMITTED', now() - i * interval '1 minute', now() + interval '10 days', i % 10 <> 0
        from generate_series(1, ${n}) i`),
    );
    applications = await sized('applications', applicationMigrations, (s, n) =>
      s.sql(`insert into applications.applications (id, tracking_number, procedure_id, department_id, applicant_id, idempotency_key, form_data, form_version, status, submitted_at, due_at)
        select gen_random_uuid(), 'AP-' || i, '${uuid(4)}', '${uuid(3)}', (${departments})[1 + i % ${DEPARTMENTS}], 'k' || i, '{}', 1,
          'SUBMITTED', now() - i * interval '1 minute', now() + interval '10 days'
        from generate_series(1, ${n}) i`),
    );
  }, 300_000);

  it('departments → publications (newest first, public only)', async () => {
    const [small, large] = await Promise.all(publications.map((s) => s.measure((db) => listPublicByDepartments(db, parentIds, null, PAGE + 1, null))));
    expect(small.rows).toBe(PARENTS * (PAGE + 1));
    expectLevel(small, large);
  });

  it('departments → publications of one kind', async () => {
    const [small, large] = await Promise.all(publications.map((s) => s.measure((db) => listPublicByDepartments(db, parentIds, { kinds: ['NEWS'] }, PAGE + 1, null))));
    expectLevel(small, large);
  });

  // The editors' list is one department's page (not per parent): level from 1× to 10× for each shape.
  for (const status of [null, 'DRAFT', 'PUBLISHED', 'SCHEDULED'] as const) {
    it(`a department's editorial list, ${status ?? 'every status'} (by last change)`, async () => {
      const [small, large] = await Promise.all(publications.map((s) => s.measure((db) => listEditorial(db, parentIds[0], status, PAGE + 1, null))));
      if (status !== 'SCHEDULED') expect(small.rows).toBe(PAGE + 1);
      expectLevel(small, large);
    });
  }

  it('departments → procedures (by title)', async () => {
    const [small, large] = await Promise.all(procedures.map((s) => s.measure((db) => listProceduresByDepartments(db, parentIds, {}, PAGE, null))));
    expect(small.rows).toBe(PARENTS * (PAGE + 1));
    expectLevel(small, large);
  });

  it('publications → public opinions', async () => {
    const [small, large] = await Promise.all(feedback.map((s) => s.measure((db) => listByOwners(db as never, 'publication_id', parentIds, PAGE + 1, null))));
    expect(small.rows).toBe(PARENTS * (PAGE + 1));
    expectLevel(small, large);
  });

  // Not per parent, but the same rule: finding an applicant by part of the name reads the trigram
  // indexes' few matches (migration 0009), not every application of the department.
  it('the officers’ queue, searched by part of an applicant’s name', async () => {
    const [small, large] = await Promise.all(applications.map((s) => s.measure((db) =>
      listQueue(db as never, { departmentId: uuid(3), statuses: ['SUBMITTED'], overdue: null, procedureId: null, search: 'zqxw-nobody' }, null, PAGE + 1))));
    expectLevel(small, large);
  });

  // Statistics over a period read that period of each key's covering index (migration 0010), not
  // the table: the last ten hours hold 600 applications at both sizes (one a minute).
  it('procedures and departments → application statistics over a period', async () => {
    const from = new Date(Date.now() - 10 * 3_600_000);
    for (const [by, id] of [['procedure_id', uuid(4)], ['department_id', uuid(3)]] as const) {
      const keys = [{ id, from, to: null }, { id: uuid(5), from, to: new Date() }];
      const [small, large] = await Promise.all(applications.map((s) => s.measure((db) => statsFor(db as never, by, keys))));
      expect(small.rows).toBe(1);
      expectLevel(small, large);
    }
  });

  it('users → their applications', async () => {
    const [small, large] = await Promise.all(applications.map((s) => s.measure((db) => listByApplicants(db, parentIds, null, PAGE + 1))));
    expect(small.rows).toBe(PARENTS * (PAGE + 1));
    expectLevel(small, large);
  });

  // Totals: kept by triggers, so a total reads a counter row per parent (and a department's public
  // total the few items scheduled for later), not the parent's whole list. Each is exact.
  it('departments → publications’ totals, all kinds and one kind', async () => {
    for (const filter of [null, { kinds: ['NEWS' as const] }]) {
      const [small, large] = await Promise.all(publications.map((s) => s.measure((db) => countPublicByDepartments(db, parentIds, filter))));
      expect(large.rows).toBe(small.rows * 10);
      expectLevel(small, large);
    }
  });

  it('users → feedback and publications → opinions: totals', async () => {
    for (const owner of ['submitter_id', 'publication_id'] as const) {
      const [small, large] = await Promise.all(feedback.map((s) => s.measure((db) => countByOwners(db as never, owner, parentIds))));
      expect(large.rows).toBe(small.rows * 10);
      expectLevel(small, large);
    }
  });

  it('users → applications: totals', async () => {
    const [small, large] = await Promise.all(applications.map((s) => s.measure((db) => countByApplicants(db, parentIds))));
    expect(large.rows).toBe(small.rows * 10);
    expectLevel(small, large);
  });

  // All feedback of the fill is one department's (uuid(3)), one item a minute back from the fill's
  // now: the newest and the 599 before it, 600 items at both sizes.
  it('departments → feedback statistics over a period', async () => {
    const [small, large] = await Promise.all(feedback.map(async (s) => {
      const { rows } = await s.db.executeQuery<{ at: Date }>(sql`select max(submitted_at) as at from feedback.feedback`.compile(s.db));
      const to = new Date(rows[0].at.getTime() + 1);
      const from = new Date(to.getTime() - 599.5 * 60_000);
      return s.measure(async (db) => {
        const stats = await feedbackStatsByDepartments(db as never, [uuid(3), ...parentIds], from, to);
        expect(stats[0].received).toBe(600);
        return stats;
      });
    }));
    expectLevel(small, large);
  });

  it('users → their feedback', async () => {
    const [small, large] = await Promise.all(feedback.map((s) => s.measure((db) => listByOwners(db as never, 'submitter_id', parentIds, PAGE + 1, null))));
    expect(small.rows).toBe(PARENTS * (PAGE + 1));
    expectLevel(small, large);
  });
});
