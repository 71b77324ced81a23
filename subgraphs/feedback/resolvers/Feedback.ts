import { maySee, maySeeSubmitter } from '../access';
import { redactPersonalData } from '../redact';
import type { FeedbackReplyResolvers, FeedbackResolvers } from '../generated/resolvers';

/** A link to an entity another subgraph owns, null when the column is (an optional link). */
const ref = (typename: string, id: string | null) => (id ? { __typename: typename, id } : null);

export const Feedback: FeedbackResolvers = {
  __resolveReference: async (r, ctx) => {
    const row = await ctx.loaders.feedback.load(r.id);
    return row && maySee(ctx.identity, row) ? row : null;
  },
  trackingNumber: (f) => f.tracking_number,
  // The published version hides personal data written into the text (redact.ts).
  subject: (f, _, ctx) => (maySeeSubmitter(ctx.identity, f) ? f.subject : redactPersonalData(f.subject)),
  body: (f, _, ctx) => (maySeeSubmitter(ctx.identity, f) ? f.body : redactPersonalData(f.body)),
  department: (f) => ({ __typename: 'Department', id: f.department_id }),
  procedure: (f) => ref('Procedure', f.procedure_id),
  publication: (f) => ref('Publication', f.publication_id),
  application: (f) => ref('Application', f.application_id),
  // Never to the public: only the sender, the addressed department's staff, analysts and admins.
  submitter: (f, _, ctx) => (maySeeSubmitter(ctx.identity, f) ? ref('User', f.submitter_id) : null),
  submittedAt: (f) => f.submitted_at,
  dueAt: (f) => f.due_at,
  dueCalendar: (f) => f.due_calendar ?? null,
  overdue: (f) => f.first_answered_at === null && Date.now() > f.due_at.getTime(),
  answeredAt: (f) => f.first_answered_at,
  replies: async (f, _, ctx) => {
    const replies = await ctx.loaders.replies.load(f.id);
    return maySeeSubmitter(ctx.identity, f) ? replies : replies.map((r) => ({ ...r, body: redactPersonalData(r.body) }));
  },
  public: (f) => f.is_public,
  publicationConsent: (f) => f.publication_consent,
};

export const FeedbackReply: FeedbackReplyResolvers = {
  at: (r) => r.created_at,
  author: (r) => ({ __typename: 'User', id: r.author_id }),
};
