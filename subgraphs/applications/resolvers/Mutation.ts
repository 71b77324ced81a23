import { requireRole } from '../../kit/errors';
import type { ApplicationsContext } from '../loaders';
import type { Action } from '../state-machine';
import { submitApplication, type SubmitInput } from '../submit';
import { supplement, transition, withdraw } from '../transitions';

export const Mutation = {
  submitApplication: (_: unknown, { input }: { input: SubmitInput }, ctx: ApplicationsContext) => {
    const applicantId = requireRole(ctx.identity, 'CITIZEN', 'ADMIN');
    return submitApplication(ctx, applicantId, input);
  },

  transitionApplication: (
    _: unknown,
    { input }: { input: { id: string; action: Action; expectedVersion: number; comment?: string | null } },
    ctx: ApplicationsContext,
  ) => transition(ctx, input),

  supplementApplication: (_: unknown, { input }: { input: { id: string; formData: unknown; expectedVersion: number } }, ctx: ApplicationsContext) =>
    supplement(ctx, input),

  withdrawApplication: (_: unknown, args: { id: string; expectedVersion: number }, ctx: ApplicationsContext) => withdraw(ctx, args),
};
