import { forbidden } from '../../kit/errors';
import { isUuid, mayHandle, mayReadDocuments, maySee } from '../access';
import { formAnswers } from '../answers';
import { FORMER_CALENDAR } from '../calendars';
import type { ApplicationEventResolvers, ApplicationResolvers } from '../generated/resolvers';
import { availableActions, isOverdue } from '../state-machine';

export const Application: ApplicationResolvers = {
  // Another subgraph referring to an application gets it only if the caller may see it.
  __resolveReference: async (ref, ctx) => {
    const row = isUuid(ref.id) ? await ctx.loaders.application.load(ref.id) : null;
    return row && maySee(ctx.identity, row) ? row : null;
  },
  trackingNumber: (a) => a.tracking_number,
  procedure: (a) => ({ __typename: 'Procedure', id: a.procedure_id }),
  applicant: (a) => ({ __typename: 'User', id: a.applicant_id }),
  formData: (a) => a.form_data,
  formVersion: (a) => a.form_version,
  submittedAt: (a) => a.submitted_at,
  dueAt: (a) => a.due_at,
  dueCalendar: (a) => a.due_calendar ?? FORMER_CALENDAR,
  decidedAt: (a) => a.decided_at,
  overdue: (a) => isOverdue(a.status, a.due_at),
  history: (a, _, ctx) => ctx.loaders.history.load(a.id),
  answers: async (a, _, ctx) => {
    const schema = await ctx.formSchemas.get(ctx.graph, a.procedure_id, a.form_version, ctx.language);
    return formAnswers(schema ?? {}, a.form_data);
  },
  documents: (a, _, ctx) => {
    if (!mayReadDocuments(ctx.identity, a)) throw forbidden('Only the applicant, officers of the department and admins may read supporting documents.');
    return ctx.loaders.documents.load(a.id);
  },
  availableActions: (a, _, ctx) =>
    availableActions(a.status, { handles: mayHandle(ctx.identity, a), applicant: !!ctx.identity.userId && ctx.identity.userId === a.applicant_id }),
};

export const ApplicationEvent: ApplicationEventResolvers = {
  fromStatus: (e) => e.from_status,
  toStatus: (e) => e.to_status,
  actor: (e) => ({ __typename: 'User', id: e.actor_id }),
};
