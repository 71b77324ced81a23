import DataLoader from 'dataloader';
import { sql, type Kysely } from 'kysely';
import { badInput } from './errors';
import { isUuid } from './ids';
import { isTimeZone } from './working-calendar';

/**
 * Activity per department in quarter-hour buckets, kept by a trigger in the transaction of every
 * write (applications: submitted, decided; feedback: received, answered), so weekly trends read
 * at most departments × weeks × 672 small rows (and never more rows than items), whatever the
 * tables hold. A quarter of an hour divides every time zone's offset (India +5:30, Nepal +5:45),
 * so a week in any zone is an exact sum of buckets.
 *
 * `events`: the counter columns and, for each, the timestamp column whose first setting counts it.
 */
export interface ActivityCounters {
  schema: string;
  table: string;
  events: { counter: string; at: string }[];
}

const bucketOf = (column: string) => sql.raw(`to_timestamp(floor(extract(epoch from ${column}) / 900) * 900)`);

export async function createActivityBuckets(db: Kysely<any>, { schema, table, events }: ActivityCounters): Promise<void> {
  let t = db.schema.createTable('activity_buckets').addColumn('department_id', 'uuid', (c) => c.notNull()).addColumn('bucket', 'timestamptz', (c) => c.notNull());
  for (const e of events) t = t.addColumn(e.counter, 'integer', (c) => c.notNull().defaultTo(0));
  await t.addPrimaryKeyConstraint('activity_buckets_pkey', ['department_id', 'bucket']).execute();

  const buckets = sql.id(schema, 'activity_buckets');
  const fn = sql.id(schema, 'count_activity');
  // One upsert per event that happened in this write: a timestamp set now that was not set before.
  const bump = (e: ActivityCounters['events'][number]) => sql`
      if new.${sql.raw(e.at)} is not null and (tg_op = 'INSERT' or old.${sql.raw(e.at)} is null) then
        insert into ${buckets} (department_id, bucket, ${sql.raw(e.counter)}) values (new.department_id, ${bucketOf(`new.${e.at}`)}, 1)
        on conflict (department_id, bucket) do update set ${sql.raw(e.counter)} = ${buckets}.${sql.raw(e.counter)} + 1;
      end if;`;
  await sql`
    create function ${fn}() returns trigger language plpgsql as $fn$
    begin
      ${sql.join(events.map(bump), sql``)}
      return null;
    end
    $fn$`.execute(db);
  await sql`
    create trigger ${sql.raw(`${table}_count_activity`)}
    after insert or update of ${sql.raw(events.map((e) => e.at).join(', '))} on ${sql.id(schema, table)}
    for each row execute function ${fn}()`.execute(db);
  // What is there already.
  for (const e of events) {
    await sql`
      insert into ${buckets} (department_id, bucket, ${sql.raw(e.counter)})
      select department_id, ${bucketOf(e.at)}, count(*) from ${sql.id(schema, table)} where ${sql.raw(e.at)} is not null group by 1, 2
      on conflict (department_id, bucket) do update set ${sql.raw(e.counter)} = excluded.${sql.raw(e.counter)}`.execute(db);
  }
}

export async function dropActivityBuckets(db: Kysely<any>, { schema, table }: ActivityCounters): Promise<void> {
  await sql`drop trigger ${sql.raw(`${table}_count_activity`)} on ${sql.id(schema, table)}`.execute(db);
  await sql`drop function ${sql.id(schema, 'count_activity')}()`.execute(db);
  await db.schema.dropTable('activity_buckets').execute();
}

/**
 * Weekly sums for several departments in one statement: every week (Monday 00:00 in `timeZone`)
 * from the week holding `from` until `to`, zeros included, per department. Reads the buckets'
 * primary key range per department and week.
 */
export async function weeklyActivity<C extends string>(
  db: Kysely<any>,
  schema: string,
  departmentIds: readonly string[],
  counters: readonly C[],
  from: Date,
  to: Date,
  timeZone: string,
): Promise<({ department_id: string; week: string } & Record<C, number>)[]> {
  const sums = counters.map((c) => sql`coalesce(sum(b.${sql.raw(c)}), 0)::int as ${sql.raw(c)}`);
  const { rows } = await sql<{ department_id: string; week: string } & Record<C, number>>`
    select d.id as department_id, to_char(w.week, 'YYYY-MM-DD') as week, ${sql.join(sums)}
    from unnest(${[...departmentIds]}::uuid[]) as d(id)
    cross join generate_series(date_trunc('week', ${from}::timestamptz at time zone ${timeZone}), ${to}::timestamptz at time zone ${timeZone} - interval '1 microsecond', interval '1 week') as w(week)
    left join ${sql.id(schema, 'activity_buckets')} b
      on b.department_id = d.id
      and b.bucket >= greatest(w.week at time zone ${timeZone}, ${from}::timestamptz)
      and b.bucket < least((w.week + interval '1 week') at time zone ${timeZone}, ${to}::timestamptz)
    group by d.id, w.week
    order by d.id, w.week`.execute(db);
  return rows;
}

/** At most a year of weeks per question: the cost is departments × weeks. */
export const MAX_WEEKS = 53;

/**
 * Per request: weekly sums by department for one (from, to, time zone), every department asked in
 * the request in one statement. Checks the arguments first (a clear BAD_USER_INPUT).
 */
export function weeklyLoaders<C extends string>(db: Kysely<any>, schema: string, counters: readonly C[]) {
  const loaders = new Map<string, DataLoader<string, ({ weekStart: string } & Record<C, number>)[]>>();
  return (args: { from: Date | string; to: Date | string; timeZone: string }) => {
    const from = new Date(args.from);
    const to = new Date(args.to);
    if (!(from < to)) throw badInput('from must be before to.');
    if (to.getTime() - from.getTime() > MAX_WEEKS * 7 * 86_400_000) throw badInput(`Ask for at most ${MAX_WEEKS} weeks.`, { max: MAX_WEEKS });
    if (!isTimeZone(args.timeZone)) throw badInput('timeZone is not a time zone (an IANA name such as Asia/Shanghai).');
    const key = JSON.stringify([from, to, args.timeZone]);
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const valid = ids.filter(isUuid);
        const rows = valid.length ? await weeklyActivity(db, schema, valid, counters, from, to, args.timeZone) : [];
        return ids.map((id) => rows.filter((r) => r.department_id === id).map(({ department_id: _, week, ...sums }) => ({ weekStart: week, ...(sums as unknown as Record<C, number>) })));
      });
      loaders.set(key, loader);
    }
    return loader;
  };
}
