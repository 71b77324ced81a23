import { requireRole } from '../../kit/errors';
import type { MutationResolvers } from '../generated/resolvers';
import { removeCalendarDay, setCalendarDay, setWorkingCalendar } from '../calendar-admin';
import { submitApplication } from '../submit';
import { supplement, transition, withdraw } from '../transitions';

export const Mutation: MutationResolvers = {
  submitApplication: (_, { input }, ctx) => {
    const applicantId = requireRole(ctx.identity, 'CITIZEN', 'ADMIN');
    return submitApplication(ctx, applicantId, input);
  },

  transitionApplication: (_, { input }, ctx) => transition(ctx, input),

  supplementApplication: (_, { input }, ctx) => supplement(ctx, input),

  withdrawApplication: (_, args, ctx) => withdraw(ctx, args),

  setWorkingCalendar: (_, { input }, ctx) => setWorkingCalendar(ctx, input),

  setCalendarDay: (_, { input }, ctx) => setCalendarDay(ctx, input),

  removeCalendarDay: (_, args, ctx) => removeCalendarDay(ctx, args),
};
