import { maySee, maySeeSubmitter } from '../access';
import type { FeedbackRow, ReplyRow } from '../db/tables';
import type { FeedbackContext } from '../loaders';

const ref = (typename: string, id: string | null) => (id ? { __typename: typename, id } : null);

export const Feedback = {
  __resolveReference: async (r: { id: string }, ctx: FeedbackContext) => {
    const row = await ctx.loaders.feedback.load(r.id);
    return row && maySee(ctx.identity, row) ? row : null;
  },
  trackingNumber: (f: FeedbackRow) => f.tracking_number,
  department: (f: FeedbackRow) => ref('Department', f.department_id),
  procedure: (f: FeedbackRow) => ref('Procedure', f.procedure_id),
  publication: (f: FeedbackRow) => ref('Publication', f.publication_id),
  application: (f: FeedbackRow) => ref('Application', f.application_id),
  // Never to the public: only the sender, the addressed department's staff, analysts and admins.
  submitter: (f: FeedbackRow, _: unknown, ctx: FeedbackContext) => (maySeeSubmitter(ctx.identity, f) ? ref('User', f.submitter_id) : null),
  submittedAt: (f: FeedbackRow) => f.submitted_at,
  dueAt: (f: FeedbackRow) => f.due_at,
  overdue: (f: FeedbackRow) => f.first_answered_at === null && Date.now() > f.due_at.getTime(),
  answeredAt: (f: FeedbackRow) => f.first_answered_at,
  replies: (f: FeedbackRow, _: unknown, ctx: FeedbackContext) => ctx.loaders.replies.load(f.id),
  public: (f: FeedbackRow) => f.is_public,
};

export const FeedbackReply = {
  at: (r: ReplyRow) => r.created_at,
  author: (r: ReplyRow) => ref('User', r.author_id),
};
