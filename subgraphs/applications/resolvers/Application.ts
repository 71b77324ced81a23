import { isUuid, maySee } from '../access';
import type { ApplicationRow, HistoryRow } from '../db/tables';
import type { ApplicationsContext } from '../loaders';
import { isOverdue } from '../state-machine';

export const Application = {
  // Another subgraph referring to an application gets it only if the caller may see it.
  __resolveReference: async (ref: { id: string }, ctx: ApplicationsContext) => {
    const row = isUuid(ref.id) ? await ctx.loaders.application.load(ref.id) : null;
    return row && maySee(ctx.identity, row) ? row : null;
  },
  trackingNumber: (a: ApplicationRow) => a.tracking_number,
  procedure: (a: ApplicationRow) => ({ __typename: 'Procedure', id: a.procedure_id }),
  applicant: (a: ApplicationRow) => ({ __typename: 'User', id: a.applicant_id }),
  formData: (a: ApplicationRow) => a.form_data,
  formVersion: (a: ApplicationRow) => a.form_version,
  submittedAt: (a: ApplicationRow) => a.submitted_at,
  dueAt: (a: ApplicationRow) => a.due_at,
  decidedAt: (a: ApplicationRow) => a.decided_at,
  overdue: (a: ApplicationRow) => isOverdue(a.status, a.due_at),
  history: (a: ApplicationRow, _: unknown, ctx: ApplicationsContext) => ctx.loaders.history.load(a.id),
};

export const ApplicationEvent = {
  fromStatus: (e: HistoryRow) => e.from_status,
  toStatus: (e: HistoryRow) => e.to_status,
  actor: (e: HistoryRow) => ({ __typename: 'User', id: e.actor_id }),
};
