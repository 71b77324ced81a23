import { badInput, requireRole } from '../../kit/errors';
import { DEFAULT_CALENDAR } from '../../kit/working-calendar';
import { isUuid } from '../access';
import type { DepartmentResolvers, WorkingCalendarResolvers } from '../generated/resolvers';
import { statsKey, toStats } from '../stats';

export const Department: DepartmentResolvers = {
  // The department dashboard is for analysts and admins only (shared/contract/README.md).
  applicationStats: async (d, args, ctx) => {
    requireRole(ctx.identity, 'ANALYST', 'ADMIN');
    return toStats(await ctx.loaders.departmentStats.load(statsKey(d.id, args)));
  },
  applicationWeeks: (d, args, ctx) => {
    requireRole(ctx.identity, 'ANALYST', 'ADMIN');
    return ctx.loaders.weeks(args).load(d.id);
  },
  workingCalendar: (d, _, ctx) => (isUuid(d.id) ? ctx.loaders.calendar.load(d.id) : DEFAULT_CALENDAR),
};

export const WorkingCalendar: WorkingCalendarResolvers = {
  description: (c) => c.describe(),
  enteredDays: (c) => c.enteredDays(),
  publicHolidays: (c, { year }) => {
    if (!Number.isInteger(year) || year < 1900 || year > 2200) throw badInput('Ask for a year from 1900 to 2200.');
    return [...c.publicHolidays(year)].map(([day, name]) => ({ day, kind: 'HOLIDAY' as const, name }));
  },
};
