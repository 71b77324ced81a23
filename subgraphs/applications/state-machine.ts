/**
 * The application state machine of the client contract (shared/contract/README.md). Kept apart
 * from storage and GraphQL so the rules can be read, and changed, in one place.
 */
export const STATUSES = [
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
  'SUPPLEMENT_REQUESTED',
  'APPROVED',
  'DENIED',
  'COMPLETED',
  'WITHDRAWN',
] as const;
export type Status = (typeof STATUSES)[number];

export const ACTIONS = ['ACCEPT', 'REJECT', 'REQUEST_SUPPLEMENT', 'APPROVE', 'DENY', 'COMPLETE'] as const;
export type Action = (typeof ACTIONS)[number];

/** Officer actions: from which state each is allowed, and where it leads. */
export const OFFICER_TRANSITIONS: Record<Action, { from: Status; to: Status }> = {
  ACCEPT: { from: 'SUBMITTED', to: 'ACCEPTED' },
  REJECT: { from: 'SUBMITTED', to: 'REJECTED' },
  REQUEST_SUPPLEMENT: { from: 'SUBMITTED', to: 'SUPPLEMENT_REQUESTED' },
  APPROVE: { from: 'ACCEPTED', to: 'APPROVED' },
  DENY: { from: 'ACCEPTED', to: 'DENIED' },
  COMPLETE: { from: 'APPROVED', to: 'COMPLETED' },
};

/** Transitions that decide the application: they set decidedAt. */
export const DECIDING: ReadonlySet<Status> = new Set(['APPROVED', 'DENIED', 'REJECTED']);

/** Not yet decided: the applicant may still withdraw. */
export const WITHDRAWABLE: ReadonlySet<Status> = new Set(['SUBMITTED', 'SUPPLEMENT_REQUESTED', 'ACCEPTED']);

/** Waiting for the department: only these can be overdue (a supplement wait pauses the clock). */
export const CLOCK_RUNNING: readonly Status[] = ['SUBMITTED', 'ACCEPTED'];

/** The default work queue: everything that still needs someone to act. */
export const OPEN: readonly Status[] = ['SUBMITTED', 'ACCEPTED', 'SUPPLEMENT_REQUESTED', 'APPROVED'];

/** Where an officer action leads from `current`, or null when it is not allowed from there. */
export function officerTransition(current: Status, action: Action): Status | null {
  const t = OFFICER_TRANSITIONS[action];
  return t && t.from === current ? t.to : null;
}

export const isOverdue = (status: Status, dueAt: Date, now = new Date()) =>
  CLOCK_RUNNING.includes(status) && dueAt.getTime() < now.getTime();
