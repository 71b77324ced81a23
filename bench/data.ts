/**
 * `npm run bench:data -- --scale N [--seed S] [--reset]`: fills the PostgreSQL of DATABASE_URL with a
 * realistic data set, bulk-loaded with COPY. Scale 1 is 200,000 users, 100,000 publications, 5,000
 * procedures, 1,000,000 applications with their history and 300,000 feedback items. The platform's
 * own migrations and demo data (demo accounts sign in to the benchmarks) come first.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import pg from 'pg';
import { bootPlatform } from '../platform/boot';
import { hashOnce } from '../subgraphs/identity/password-hashing';
import { parseEnv } from '../platform/config';
import { copyRows, type Cell } from './data/copy';
import * as gen from './data/generate';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '20261127' }, reset: { type: 'boolean', default: false } },
});
const scale = Number(values.scale);
const seed = Number(values.seed);
if (!(scale > 0) || !Number.isInteger(seed)) throw new Error('--scale must be a positive number and --seed an integer');
const env = parseEnv({ ...process.env, SEED: 'always' });
if (!env.DATABASE_URL) throw new Error('Set DATABASE_URL to the PostgreSQL to fill (e.g. postgres://postgres@127.0.0.1:5432/egov_bench).');

const SCHEMAS = ['identity', 'publications', 'procedures', 'applications', 'feedback', 'files'];
const started = Date.now();
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });

if (values.reset) {
  for (const s of SCHEMAS) await pool.query(`drop schema if exists "${s}" cascade`);
}
// Migrations and the demo data, exactly as the platform does it.
const platform = await bootPlatform({ env, seed: true, serve: false });
await platform.stop();
const existing = await pool.query(`select count(*)::int as n from identity.users where email like '%@bench.gov'`);
if (existing.rows[0].n > 0) throw new Error('This database already holds generated data; run with --reset to start over.');

// One real argon2 hash shared by every generated account: hashing 200,000 would take an hour.
const passwordHash = await hashOnce(gen.BENCH_PASSWORD);
const counters = async (schema: string) =>
  new Map<string, number>(
    (await pool.query(`select department_code, year, last from ${schema}.tracking_counters`)).rows.map((r) => [`${r.department_code}|${r.year}`, r.last]),
  );
const today = new Date();
today.setUTCHours(0, 0, 0, 0);
const ctx: gen.Context = {
  seed,
  sizes: gen.sizesAt(scale),
  now: today,
  passwordHash,
  applicationCounters: await counters('applications'),
  feedbackCounters: await counters('feedback'),
};
const plan = gen.planProcedures(ctx);
console.log(`scale ${scale}, seed ${seed}:`, ctx.sizes);

const bars = new cliProgress.MultiBar(
  { format: ' {table} |{bar}| {value}/{total} rows | {duration}s', hideCursor: true, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 5000 },
  cliProgress.Presets.shades_classic,
);
const client = await pool.connect();
const timings: [string, number, number][] = [];
async function load(table: string, columns: string[], rows: Iterable<Cell[]>, expected: number) {
  const t0 = Date.now();
  const bar = bars.create(expected, 0, { table: table.padEnd(34) });
  const n = await copyRows(client, table, columns, rows, (k) => bar.increment(k));
  bar.setTotal(n);
  bar.update(n);
  bar.stop();
  timings.push([table, n, Date.now() - t0]);
}
function* pick<T>(source: Iterable<T>, map: (x: T) => Cell[] | Cell[][] | null, many = false): Generator<Cell[]> {
  for (const x of source) {
    const out = map(x);
    if (out === null) continue;
    if (many) yield* out as Cell[][];
    else yield out as Cell[];
  }
}

await client.query('begin');
await load('identity.departments', ['id', 'code', 'name', 'description', 'phone', 'email', 'address', 'office_hours'], gen.departments(), gen.GENERATED_DEPARTMENTS.length);
await load('identity.users', ['id', 'email', 'password_hash', 'display_name', 'roles', 'department_id', 'created_at'], gen.users(ctx), ctx.sizes.users + 45);
await load(
  'publications.publications',
  ['id', 'slug', 'kind', 'status', 'title', 'summary', 'body', 'topics', 'department_id', 'author_id', 'published_at', 'created_at', 'updated_at', 'language'],
  gen.publications(ctx),
  ctx.sizes.publications,
);
// Loaded as history, not news: no `publication.published` for them (subgraphs/publications/announcements.ts).
await client.query(`update publications.publications set announced_at = published_at
                    where status in ('PUBLISHED', 'SCHEDULED') and published_at <= now()`);
await load(
  'procedures.procedures',
  ['id', 'code', 'title', 'department_id', 'summary', 'category', 'eligibility', 'legal_basis', 'processing_time_days', 'channels', 'current_form_version', 'created_at', 'updated_at'],
  gen.procedures(plan, ctx.now),
  plan.length,
);
await load('procedures.procedure_steps', ['procedure_id', 'position', 'title', 'description'], gen.procedureParts(plan, 'steps'), plan.length * 4);
await load('procedures.procedure_documents', ['procedure_id', 'position', 'name', 'description', 'mandatory'], gen.procedureParts(plan, 'documents'), plan.length * 3);
await load('procedures.procedure_fees', ['procedure_id', 'position', 'description', 'amount', 'currency'], gen.procedureParts(plan, 'fees'), plan.length);
await load('procedures.procedure_faqs', ['procedure_id', 'position', 'question', 'answer'], gen.procedureParts(plan, 'faqs'), plan.length * 2);
await load('procedures.application_forms', ['procedure_id', 'version', 'schema', 'published_at', 'published_by'], gen.applicationForms(plan, ctx.now), plan.length);
// What the procedures repository derives on every write (refreshDerived), in one statement.
await client.query(`
  update procedures.procedures p set
    online_application = 'ONLINE' = any(p.channels) and p.current_form_version is not null,
    search = setweight(to_tsvector('english', procedures.cjk_grams(p.title || ' ' || procedures.translated(p.translations, 'title'))), 'A')
      || setweight(to_tsvector('english', procedures.cjk_grams(p.summary || ' ' || p.category || ' ' || procedures.translated(p.translations, 'summary') || ' ' || procedures.translated(p.translations, 'category'))), 'B')
      || setweight(to_tsvector('english', procedures.cjk_grams(coalesce((select string_agg(s.title || ' ' || s.description || ' ' || procedures.translated(s.translations, 'title') || ' ' || procedures.translated(s.translations, 'description'), ' ') from procedures.procedure_steps s where s.procedure_id = p.id), ''))), 'C')
      || setweight(to_tsvector('english', procedures.cjk_grams(coalesce((select string_agg(f.question || ' ' || f.answer || ' ' || procedures.translated(f.translations, 'question') || ' ' || procedures.translated(f.translations, 'answer'), ' ') from procedures.procedure_faqs f where f.procedure_id = p.id), ''))), 'D')
  where p.code like 'GEN-%'`);

const appColumns = ['id', 'tracking_number', 'procedure_id', 'department_id', 'applicant_id', 'idempotency_key', 'form_data', 'form_version', 'status', 'version', 'submitted_at', 'due_at', 'decided_at', 'supplement_requested_at'];
const appCounters = new Map(ctx.applicationCounters);
await load('applications.applications', appColumns, pick(gen.planApplications(ctx, plan), (a) => a.app), ctx.sizes.applications);
const finalAppCounters = ctx.applicationCounters;
ctx.applicationCounters = appCounters; // the second pass must start where the first did
await load(
  'applications.application_history',
  ['application_id', 'at', 'from_status', 'to_status', 'comment', 'actor_id'],
  pick(gen.planApplications(ctx, plan), (a) => a.history, true),
  Math.round(ctx.sizes.applications * 2.6),
);
const fbCounters = new Map(ctx.feedbackCounters);
const fbColumns = ['id', 'tracking_number', 'kind', 'subject', 'body', 'department_id', 'procedure_id', 'publication_id', 'application_id', 'submitter_id', 'idempotency_key', 'status', 'submitted_at', 'due_at', 'first_answered_at', 'last_reply_at', 'closed_at', 'is_public', 'satisfaction'];
await load('feedback.feedback', fbColumns, pick(gen.planFeedback(ctx, plan), (f) => f.item), ctx.sizes.feedback);
const finalFbCounters = ctx.feedbackCounters;
ctx.feedbackCounters = fbCounters;
await load('feedback.feedback_replies', ['id', 'feedback_id', 'author_id', 'body', 'created_at'], pick(gen.planFeedback(ctx, plan), (f) => f.reply), Math.round(ctx.sizes.feedback * 0.6));

// New submissions continue the sequences the generated data used.
for (const [schema, map] of [['applications', finalAppCounters], ['feedback', finalFbCounters]] as const) {
  for (const [key, last] of map) {
    const [code, year] = key.split('|');
    await client.query(
      `insert into ${schema}.tracking_counters (department_code, year, last) values ($1, $2, $3)
       on conflict (department_code, year) do update set last = greatest(${schema}.tracking_counters.last, excluded.last)`,
      [code, Number(year), last],
    );
  }
}
await client.query('commit');
bars.stop();
const loaded = Date.now();
// Planner statistics, and the visibility map that lets counts run as index-only scans.
await client.query('vacuum analyze');
client.release();
await pool.end();

console.log('\ntable                                 rows      seconds');
for (const [t, n, ms] of timings) console.log(`${t.padEnd(34)} ${String(n).padStart(10)} ${(ms / 1000).toFixed(1).padStart(9)}`);
console.log(`\nloaded in ${((loaded - started) / 1000).toFixed(1)} s, analyzed in ${((Date.now() - loaded) / 1000).toFixed(1)} s (scale ${scale}, seed ${seed})`);
