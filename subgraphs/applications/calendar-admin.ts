import { requireRole, userError, type UserError } from '../kit/errors';
import { isJurisdiction, isTimeZone, type WorkingCalendar } from '../kit/working-calendar';
import { isUuid } from './access';
import { deleteDay, upsertCalendar, upsertDay } from './db/calendars.repository';
import type { Db } from './db/tables';
import type { ApplicationsContext } from './loaders';

/** Admins change a department's working calendar; due dates already set keep theirs. */
type Ctx = ApplicationsContext;
interface Payload {
  calendar: WorkingCalendar | null;
  userErrors: UserError[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** Admins only; an id that names no department is a userError (asked of identity through the graph). */
async function department(ctx: Ctx, departmentId: string): Promise<UserError | null> {
  requireRole(ctx.identity, 'ADMIN');
  ctx.audit.actingOn(departmentId);
  const known = isUuid(departmentId) && (await ctx.departmentCodes.of(ctx.graph, departmentId));
  return known ? null : userError('input.departmentId', 'UNKNOWN_DEPARTMENT', 'There is no such department.');
}

/** Writes `change` with its audit entry, then answers the calendar as it now stands. */
async function write(ctx: Ctx, departmentId: string, change: (tx: Db) => Promise<void>): Promise<Payload> {
  await ctx.db.transaction().execute(async (tx) => {
    await change(tx);
    await ctx.audit.record(tx, { target: departmentId });
  });
  ctx.loaders.calendar.clear(departmentId);
  return { calendar: await ctx.loaders.calendar.load(departmentId), userErrors: [] };
}

export async function setWorkingCalendar(ctx: Ctx, input: { departmentId: string; jurisdiction?: string | null; timeZone: string }): Promise<Payload> {
  const unknown = await department(ctx, input.departmentId);
  const jurisdiction = input.jurisdiction?.trim().toUpperCase() || null;
  const problems = [
    ...(unknown ? [unknown] : []),
    ...(jurisdiction && !isJurisdiction(jurisdiction)
      ? [userError('input.jurisdiction', 'UNKNOWN_JURISDICTION', 'Give a country code, optionally with a region (CN, DE-BY), whose public holidays are known.')]
      : []),
    ...(!isTimeZone(input.timeZone) ? [userError('input.timeZone', 'UNKNOWN_TIME_ZONE', 'Give an IANA time zone, such as Asia/Shanghai.')] : []),
  ];
  if (problems.length) return { calendar: null, userErrors: problems };
  return write(ctx, input.departmentId, (tx) => upsertCalendar(tx, { department_id: input.departmentId, jurisdiction, time_zone: input.timeZone }));
}

export async function setCalendarDay(ctx: Ctx, input: { departmentId: string; day: string; kind: 'HOLIDAY' | 'WORKDAY'; name: string }): Promise<Payload> {
  const unknown = await department(ctx, input.departmentId);
  const name = input.name.trim();
  const problems = [
    ...(unknown ? [unknown] : []),
    ...(!isDay(input.day) ? [userError('input.day', 'INVALID_DAY', 'Give the day as YYYY-MM-DD.')] : []),
    ...(!name || name.length > 200 ? [userError('input.name', 'INVALID_NAME', 'Name the day in 1 to 200 characters.')] : []),
  ];
  if (problems.length) return { calendar: null, userErrors: problems };
  return write(ctx, input.departmentId, (tx) => upsertDay(tx, input.departmentId, { day: input.day, kind: input.kind, name }));
}

export async function removeCalendarDay(ctx: Ctx, input: { departmentId: string; day: string }): Promise<Payload> {
  const unknown = await department(ctx, input.departmentId);
  if (unknown) return { calendar: null, userErrors: [{ ...unknown, field: 'departmentId' }] };
  if (!isDay(input.day)) return { calendar: null, userErrors: [userError('day', 'INVALID_DAY', 'Give the day as YYYY-MM-DD.')] };
  return write(ctx, input.departmentId, (tx) => deleteDay(tx, input.departmentId, input.day));
}
